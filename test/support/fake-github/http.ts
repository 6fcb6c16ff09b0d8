/** Small HTTP helpers shared by the fake server's handlers. */

/** A GitHub-style error answer: `{ message, documentation_url, errors?, status }`. */
export class HttpError extends Error {
  readonly status: number;
  readonly errors: unknown[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, errors?: unknown[], headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }

  toBody(): Record<string, unknown> {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      documentation_url: "https://docs.github.com/rest",
      status: String(this.status),
    };
  }
}

export const notFound = (what = "Not Found"): HttpError => new HttpError(404, what);
export const unprocessable = (message: string, errors?: unknown[]): HttpError => new HttpError(422, message, errors);

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * GitHub-style pagination: `per_page` (default 30, max 100) and `page`, with a `Link` header
 * (`next`, `last`, `prev`, `first`) that Octokit's `paginate` follows.
 */
export function paginate<T>(items: readonly T[], url: URL): Reply {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string): string => {
    const u = new URL(url);
    u.searchParams.set("page", String(p));
    u.searchParams.set("per_page", String(perPage));
    return `<${u.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"), link(page - 1, "prev"));
  return { body: slice, headers: links.length ? { link: links.join(", ") } : {} };
}
