import http from 'node:http';

/** One API answer as the benchmark needs it. */
export interface ApiResponse {
  status: number;
  /** Parsed JSON body, or undefined for 204 / non-JSON. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The server's X-Query-Count header, when it counts statements. */
  queryCount: number | undefined;
}

/** A keep-alive HTTP client for POST /api/<endpoint> on 127.0.0.1 only. */
export class ApiClient {
  readonly #agent: http.Agent;
  readonly #host: string;
  readonly #port: number;

  constructor(baseUrl: string, maxSockets: number) {
    const url = new URL(baseUrl);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error(`load goes only to 127.0.0.1, not ${url.hostname}`);
    this.#host = '127.0.0.1';
    this.#port = Number(url.port);
    this.#agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** POSTs a JSON body (with the token in Authorization) and reads the whole answer. */
  call(endpoint: string, params: unknown = {}, token?: string): Promise<ApiResponse> {
    const payload = JSON.stringify(params);
    const headers: http.OutgoingHttpHeaders = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) };
    if (token) headers.Authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const req = http.request({ host: this.#host, port: this.#port, path: `/api/${endpoint}`, method: 'POST', headers, agent: this.#agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          const qc = res.headers['x-query-count'];
          resolve({ status: res.statusCode ?? 0, body, queryCount: typeof qc === 'string' ? Number(qc) : undefined });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Like call(), but throws unless the status is 200 or 204. */
  async ok(endpoint: string, params: unknown = {}, token?: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const res = await this.call(endpoint, params, token);
    if (res.status !== 200 && res.status !== 204) throw new Error(`${endpoint} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  close(): void {
    this.#agent.destroy();
  }
}
