// Build step for the <script src> bundle: compacts the static text of Lit's css`…` and html`…` templates, which the
// JS minifier leaves alone (to it they are strings). The sources keep their comments and indentation.
//
//   css`…`   comments removed, whitespace collapsed, and dropped around `{ } ; , >` and after `:`, `0.5` written
//            `.5` (quoted strings are left as they are);
//   html`…`, svg`…`  inside a tag, between attributes, a run of whitespace becomes one space, and none is left
//            before `>`; in text, a run of whitespace that spans lines is dropped next to a block's tag, and
//            becomes one newline elsewhere. HTML renders any whitespace run the same way, and none at the start or
//            end of a line, so this never changes what is shown. (It would change a multi-line attribute value or
//            <pre>; the element's templates have neither. Quoted attribute values are kept.)
//
// Only the static parts change: `${…}` expressions, and so Lit's parts and bindings, are untouched.
import { parseAst, type Plugin } from 'vite';

interface Node {
  type: string;
  [key: string]: unknown;
}
interface TemplateElement extends Node {
  start: number;
  end: number;
  value: { raw: string };
}

export function compactCss(css: string): string {
  // Odd parts are the comments and quoted strings (matched together, so that a quote in a comment is no string).
  const withoutComments = css
    .split(/(\/\*[\s\S]*?\*\/|'[^']*'|"[^"]*")/)
    .map((part) => (part.startsWith('/*') ? '' : part))
    .join('');
  return withoutComments
    .split(/('[^']*'|"[^"]*")/)
    .map((part, index) =>
      index % 2
        ? part
        : part
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,>]) ?/g, '$1')
            .replace(/: /g, ':')
            .replace(/(^|[^\w.#])0\.(\d)/g, '$1.$2'),
    )
    .join('')
    .replace(/;}/g, '}');
}

/**
 * Tags whose boxes are blocks (in this project's styles: blocks, grids, flex boxes, list items), or SVG shapes.
 * Whitespace next to one of them is at the start or end of a line, or between blocks, where it never shows.
 */
const BLOCK = /^(div|p|ol|ul|li|dl|dt|dd|form|section|h2|h3|rect)$/;

/**
 * The static parts of one html`…` (or svg`…`) template, compacted. They are read as one text, the expressions
 * between them being attribute values or content, so that a tag left open by one part is known to go on in the next.
 *  - inside a tag: one space between attributes, none before `>`; quoted values kept;
 *  - in text: a run of whitespace that spans lines is dropped next to a block's tag (it would not show), else it
 *    becomes one newline (it shows as the one space it always did).
 */
export function compactHtml(...parts: string[]): string[] {
  let inTag = false;
  /** The quote of an attribute value left open by the previous part (an expression is inside it). */
  let quote = '';
  /** Whether the text that follows comes right after the `>` of a block's tag. */
  let afterBlock = false;
  /** The name of the tag being read (it may go on across expressions). */
  let tagName = '';
  return parts.map((part) => {
    let out = '';
    let rest = part;
    if (quote) {
      const close = rest.indexOf(quote);
      if (close < 0) return part;
      out = rest.slice(0, close + 1);
      rest = rest.slice(close + 1);
      quote = '';
    }
    // Tokens: a quoted value (maybe left open), a run of whitespace, a tag's `<` or `>`, any other character.
    out += rest.replace(/"[^"]*"?|'[^']*'?|\s+|<(?=[a-z/!])|>|[^]/gi, (token, offset: number) => {
      const space = /^\s+$/.test(token);
      if (!inTag) {
        const wasAfterBlock = afterBlock;
        afterBlock = false;
        if (token === '<') {
          inTag = true;
          tagName = /^<\/?([a-z\d]*)/i.exec(rest.slice(offset))![1]!;
        }
        if (!space || !token.includes('\n')) return token;
        const next = /^<\/?([a-z\d]+)/i.exec(rest.slice(offset + token.length));
        return wasAfterBlock || (next && BLOCK.test(next[1]!)) ? '' : '\n';
      }
      if (token === '>') {
        inTag = false;
        afterBlock = BLOCK.test(tagName);
      } else if (space) return rest[offset + token.length] === '>' ? '' : ' ';
      else if ((token[0] === '"' || token[0] === "'") && (token.length === 1 || token.at(-1) !== token[0]))
        quote = token[0];
      return token;
    });
    return out;
  });
}

const compactors: Record<string, (...parts: string[]) => string[]> = {
  css: (...parts) => parts.map(compactCss),
  html: compactHtml,
  svg: compactHtml,
};

function visit(node: unknown, found: (node: Node) => void): void {
  if (Array.isArray(node)) for (const child of node) visit(child, found);
  else if (node && typeof node === 'object' && typeof (node as Node).type === 'string') {
    found(node as Node);
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value, found);
  }
}

/** Rewrites the css`…`, html`…` and svg`…` templates of the project's own modules (not node_modules). */
export function minifyTemplates(): Plugin {
  return {
    name: 'imss-connect:minify-templates',
    enforce: 'post',
    transform(code, id) {
      if (id.includes('/node_modules/') || !/\/src\/.*\.ts$/.test(id) || !/\b(css|html|svg)`/.test(code))
        return;
      const edits: Array<[start: number, end: number, text: string]> = [];
      visit(parseAst(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression') return;
        const tag = node.tag as Node & { name?: string };
        const compact = tag.type === 'Identifier' ? compactors[tag.name!] : undefined;
        if (!compact) return;
        const { quasis } = node.quasi as Node & { quasis: TemplateElement[] };
        for (const quasi of quasis) {
          if (code.slice(quasi.start, quasi.end) !== quasi.value.raw) {
            throw new Error(`minify-templates: unexpected template offsets in ${id}`);
          }
        }
        const compacted = compact(...quasis.map((quasi) => quasi.value.raw));
        quasis.forEach((quasi, index) => {
          let text = compacted[index]!;
          // A style sheet's leading and trailing whitespace is nothing (an HTML template's is a text node).
          if (tag.name === 'css' && index === 0) text = text.trimStart();
          if (tag.name === 'css' && index === quasis.length - 1) text = text.trimEnd();
          edits.push([quasi.start, quasi.end, text]);
        });
      });
      if (!edits.length) return;
      let result = code;
      for (const [start, end, text] of edits.sort((a, b) => b[0] - a[0])) {
        result = result.slice(0, start) + text + result.slice(end);
      }
      return { code: result, map: null };
    },
  };
}
