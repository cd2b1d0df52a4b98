import { chromium } from 'playwright-core';
const url = 'http://127.0.0.1:47811/';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const [curp, name, width, dark, expand] = process.argv.slice(2);
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, colorScheme: dark === 'dark' ? 'dark' : 'light', deviceScaleFactor: 1 });
page.on('console', (m) => console.log('console', m.type(), m.text()));
await page.goto(url);
const el = page.locator('imss-connect');
await el.locator('#curp').fill(curp);
if (name.startsWith('form')) { await el.screenshot({ path: `/tmp/shot-${name}.png` }); await browser.close(); process.exit(0); }
await el.locator('#consent').check();
await el.locator('button[type=submit]').click();
await el.locator('[part~=result], [role=alert]').first().waitFor({ timeout: 20000 });
if (expand) await el.locator('[part~=more]').click();
await page.waitForTimeout(200);
await el.screenshot({ path: `/tmp/shot-${name}.png` });
await browser.close();
