/** A tiny cookie-keeping HTTP client for the server-rendered pages (no JavaScript needed). */
export class PageClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  async get(path: string): Promise<{ status: number; headers: Headers; html: string }> {
    const res = await fetch(this.origin + path, { headers: this.#cookieHeader(), redirect: 'manual' });
    this.#keep(res);
    return { status: res.status, headers: res.headers, html: await res.text() };
  }

  async post(path: string, form: Record<string, string | string[]>): Promise<{ status: number; headers: Headers; html: string }> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    const res = await fetch(this.origin + path, {
      method: 'POST',
      headers: { ...this.#cookieHeader(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    this.#keep(res);
    return { status: res.status, headers: res.headers, html: await res.text() };
  }

  /** The CSRF secret the server gave this client (visit a page first). */
  get csrf(): string {
    return this.cookies.get('tsubame_csrf') ?? '';
  }

  #cookieHeader(): Record<string, string> {
    return this.cookies.size ? { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  #keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === '' || /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
