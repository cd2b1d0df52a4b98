// The parts of Belvo's official Node SDK (npm `belvo` 0.28, CommonJS, untyped) that the sandbox's tests call, as
// its source defines them. Its entry exports `{ default: Client }`, and `lib/exceptions.js` `{ default: RequestError }`.

declare module 'belvo' {
  interface ListOptions {
    limit?: number;
    filters?: Record<string, string | number>;
  }
  interface Resource {
    list(options?: ListOptions): Promise<Array<Record<string, unknown>>>;
    detail(id: string): Promise<Record<string, unknown>>;
    delete(id: string): Promise<boolean>;
  }
  interface Links extends Resource {
    register(
      institution: string,
      username: string,
      password?: string,
      options?: { accessMode?: 'single' | 'recurrent'; externalId?: string },
    ): Promise<Record<string, unknown>>;
    patch(id: string, options: { accessMode: 'single' | 'recurrent' }): Promise<Record<string, unknown>>;
  }
  interface EmploymentRecords extends Resource {
    retrieve(
      link: string,
      options?: { saveData?: boolean; attachPDF?: boolean },
    ): Promise<Array<Record<string, unknown>>>;
  }
  interface Owners extends Resource {
    retrieve(link: string, options?: { saveData?: boolean }): Promise<Array<Record<string, unknown>>>;
  }
  /** The SDK's API session: its own request helpers around an axios instance (`session`). */
  interface APISession {
    post(url: string, payload: unknown): Promise<unknown>;
    session: {
      post(
        url: string,
        payload: unknown,
        config?: { headers?: Record<string, string> },
      ): Promise<{ status: number; data: unknown }>;
    };
  }
  interface Client {
    session: APISession;
    connect(): Promise<void>;
    links: Links;
    employmentRecords: EmploymentRecords;
    owners: Owners;
  }
  const entry: { default: new (secretKeyId: string, secretKeyPassword: string, url?: string) => Client };
  export default entry;
}

declare module 'belvo/lib/exceptions.js' {
  interface RequestError extends Error {
    statusCode: number;
    detail: unknown;
  }
  const entry: {
    default: { new (statusCode: number, detail: unknown): RequestError; prototype: RequestError };
  };
  export default entry;
}
