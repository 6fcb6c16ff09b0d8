/** The deterministic standard globals inside the sandbox (rule S8), checked against Node's own. */
import { describe, expect, it } from "vitest";
import { runGuest } from "./guest.ts";

/** URLs the guest's URL must parse exactly as Node's WHATWG URL does (input, base?). */
const URL_CASES: [string, string?][] = [
  ["https://example.com"],
  ["HTTPS://User:Pa%20ss@EXAMPLE.com:443/a/./b/../c?x=1&y=2#frag"],
  ["http://example.com:8080/path with spaces/ü?q=ä b#h ä"],
  ["https://example.com/a/b/c", undefined],
  ["../d?z#y", "https://example.com/a/b/c"],
  ["//other.org/x", "https://example.com/a"],
  ["?only", "https://example.com/a/b?old#f"],
  ["#only", "https://example.com/a/b?old#f"],
  ["/abs/../path/./x", "http://h/p/q"],
  ["https://example.com/%2e%2E/x"],
  ["http://192.168.0.1/"],
  ["http://0x7f.1/"],
  ["http://3232235521/"],
  ["http://[::1]:3000/x"],
  ["http://[2001:DB8:0:0:0:0:0:1]/"],
  ["http://[::ffff:192.0.2.1]/"],
  ["http://[1:0:0:2:0:0:0:3]/"],
  ["http://münchen.de/straße"],
  ["http://EXAMPLE.COM./"],
  ["file:///etc/passwd"],
  ["file:///C:/Windows/../x"],
  ["file://localhost/tmp/x"],
  ["mailto:someone@example.com?subject=hi there"],
  ["data:text/plain,hello world"],
  ["javascript:alert(1)"],
  ["urn:isbn:0451450523"],
  ["foo://host/path?q#f"],
  ["git+ssh://git@github.com/owner/repo.git"],
  ["ws://example.com/socket"],
  ["http://example.com/?a='b'&c=\"d\"&e=<f>"],
  ["https://example.com/a\\b\\c"],
  ["  https://example.com/trim  "],
  ["https://example.com/tab\there"],
  ["https://ex%41mple.com/"],
  ["https://user@example.com"],
  ["https://:pw@example.com"],
  ["https://example.com:0/"],
  ["blob:https://example.com/uuid"],
];
const BAD_URLS: [string, string?][] = [["not a url"], ["http://"], ["https://exa mple.com"], ["http://[::1"], ["http://example.com:99999"], ["relative/path"], ["http://1.2.3.256/"], ["http://a b/"]];

function nodeView(input: string, base?: string) {
  const u = new URL(input, base);
  return { href: u.href, origin: u.origin, protocol: u.protocol, username: u.username, password: u.password, host: u.host, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash, params: [...u.searchParams] };
}

describe("S8 the deterministic standard globals exist in scripts", () => {
  it("S8 URL parses like Node's WHATWG URL: components, relative resolution, IPv4/IPv6, IDN, opaque paths", async () => {
    const guest = (await runGuest(
      `return args.map(([input, base]) => { const u = new URL(input, base); return { href: u.href, origin: u.origin, protocol: u.protocol, username: u.username, password: u.password, host: u.host, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash, params: [...u.searchParams] }; });`,
      { globals: { args: URL_CASES.map(([i, b]) => [i, b ?? null].filter((x) => x !== null)) } },
    )) as unknown[];
    expect(guest).toEqual(URL_CASES.map(([i, b]) => nodeView(i, b)));
  });

  it("S8 invalid URLs throw a TypeError, as in Node; URL.canParse and URL.parse agree", async () => {
    const result = await runGuest(
      "return args.map(([i, b]) => { let threw = null; try { new URL(i, b) } catch (e) { threw = e instanceof TypeError } return [threw, URL.canParse(i, b), URL.parse(i, b) === null] })",
      { globals: { args: BAD_URLS.map(([i, b]) => (b ? [i, b] : [i])) } },
    );
    expect(result).toEqual(BAD_URLS.map(() => [true, false, true]));
    for (const [i, b] of BAD_URLS) expect(() => new URL(i, b)).toThrow(TypeError);
  });

  it("S8 new URL de-duplicates URLs the way a real script does (normalised host, default port, dot segments, fragments dropped)", async () => {
    const urls = [
      "https://Example.com/docs/../guide#intro",
      "https://example.com:443/guide",
      "HTTPS://EXAMPLE.COM/guide?",
      "https://example.com/guide#other",
      "https://example.com/Guide",
      "http://example.com/guide",
    ];
    const body = `
      const seen = new Set()
      const unique = []
      for (const raw of args) {
        const u = new URL(raw)
        u.hash = ''
        const key = u.origin + u.pathname + u.search
        if (!seen.has(key)) { seen.add(key); unique.push(u.toString()) }
      }
      return unique`;
    const expected = [...new Set(urls.map((raw) => { const u = new URL(raw); u.hash = ""; return u.origin + u.pathname + u.search; }))];
    const result = (await runGuest(body, { globals: { args: urls } })) as string[];
    expect(result.length).toBe(expected.length);
    expect(result).toEqual(["https://example.com/guide", "https://example.com/Guide", "http://example.com/guide"]);
  });

  it("S8 URL setters and searchParams stay in sync, as in Node", async () => {
    const body = `
      const u = new URL('https://example.com/a?x=1')
      u.searchParams.append('q', 'a b&c')
      u.searchParams.set('x', '2')
      const afterParams = u.href
      u.pathname = '/b c/../d'
      u.search = '?k=v w'
      const params = [...u.searchParams]
      u.hash = 'top'
      u.port = '8443'
      u.hostname = 'Other.ORG'
      u.protocol = 'http'
      u.username = 'me'
      u.password = 'p@ss'
      return { afterParams, params, href: u.href, json: JSON.stringify({ u }) }`;
    const u = new URL("https://example.com/a?x=1");
    u.searchParams.append("q", "a b&c");
    u.searchParams.set("x", "2");
    const afterParams = u.href;
    u.pathname = "/b c/../d";
    u.search = "?k=v w";
    const params = [...u.searchParams];
    u.hash = "top";
    u.port = "8443";
    u.hostname = "Other.ORG";
    u.protocol = "http";
    u.username = "me";
    u.password = "p@ss";
    expect(await runGuest(body)).toEqual({ afterParams, params, href: u.href, json: JSON.stringify({ u }) });
  });

  it("S8 URLSearchParams: parsing, encoding, order, sort, delete, has with a value, iteration — as in Node", async () => {
    const body = `
      const p = new URLSearchParams('?b=2&a=1&a=3&c=%20x+y&d&=e&f=%zz&é=ü')
      const out = { str: p.toString(), all: p.getAll('a'), get: p.get('c'), missing: p.get('nope'), size: p.size }
      p.sort()
      out.sorted = p.toString()
      p.delete('a', '3')
      out.hasA1 = p.has('a', '1')
      out.hasA3 = p.has('a', '3')
      out.keys = [...p.keys()]
      out.fromObj = new URLSearchParams({ x: '1 2', y: '~!*()' }).toString()
      out.fromPairs = new URLSearchParams([['k', 'v'], ['k', 'w']]).getAll('k')
      const seen = []
      p.forEach((v, k) => seen.push(k + ':' + v))
      out.seen = seen
      return out`;
    const p = new URLSearchParams("?b=2&a=1&a=3&c=%20x+y&d&=e&f=%zz&é=ü");
    const out: Record<string, unknown> = { str: p.toString(), all: p.getAll("a"), get: p.get("c"), missing: p.get("nope"), size: p.size };
    p.sort();
    out.sorted = p.toString();
    p.delete("a", "3");
    out.hasA1 = p.has("a", "1");
    out.hasA3 = p.has("a", "3");
    out.keys = [...p.keys()];
    out.fromObj = new URLSearchParams({ x: "1 2", y: "~!*()" }).toString();
    out.fromPairs = new URLSearchParams([["k", "v"], ["k", "w"]]).getAll("k");
    const seen: string[] = [];
    p.forEach((v, k) => seen.push(`${k}:${v}`));
    out.seen = seen;
    expect(await runGuest(body)).toEqual(out);
  });

  it("S8 TextEncoder/TextDecoder round-trip every kind of text, as bytes identical to Node's", async () => {
    const texts = ["", "plain ascii", "é ü ß", "日本語テキスト", "emoji 👩‍💻 🎉", "\u0000\u007f\u0080\u07ff\u0800\uffff", "\ud83d\ude00 pair", "lone \ud800 high", "lone \udc00 low"];
    const body = `
      const enc = new TextEncoder(), dec = new TextDecoder()
      return args.map((t) => { const bytes = enc.encode(t); return { bytes: [...bytes], back: dec.decode(bytes) } })`;
    const result = (await runGuest(body, { globals: { args: texts } })) as { bytes: number[]; back: string }[];
    const enc = new TextEncoder();
    const dec = new TextDecoder();
    expect(result).toEqual(texts.map((t) => ({ bytes: [...enc.encode(t)], back: dec.decode(enc.encode(t)) })));
  });

  it("S8 TextDecoder: invalid bytes become U+FFFD (or throw with fatal), a BOM is dropped, streaming keeps split characters, other encodings are refused", async () => {
    const cases = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98, 0x80, 0x41], [0xef, 0xbb, 0xbf, 0x68, 0x69], [0xc0, 0xaf, 0x41], [0xf4, 0x90, 0x80, 0x80]];
    const body = `
      const dec = new TextDecoder()
      const plain = args.map((b) => dec.decode(new Uint8Array(b)))
      let fatal = null
      try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])) } catch (e) { fatal = e instanceof TypeError }
      const s = new TextDecoder()
      const streamed = s.decode(new Uint8Array([0xe2, 0x82]), { stream: true }) + '|' + s.decode(new Uint8Array([0xac]))
      let other = null
      try { new TextDecoder('latin1') } catch (e) { other = e instanceof RangeError }
      return { plain, fatal, streamed, other, view: dec.decode(new DataView(new Uint8Array([104, 105]).buffer)), buf: dec.decode(new Uint8Array([104]).buffer) }`;
    const dec = new TextDecoder();
    expect(await runGuest(body, { globals: { args: cases } })).toEqual({
      plain: cases.map((b) => dec.decode(new Uint8Array(b))),
      fatal: true,
      streamed: "|€",
      other: true,
      view: "hi",
      buf: "h",
    });
  });

  it("S8 atob/btoa round-trip binary strings like Node; invalid input throws InvalidCharacterError", async () => {
    const inputs = ["", "f", "fo", "foo", "foob", "fooba", "foobar", "\u0000\u00ff\u0080 binary"];
    const body = `
      const out = args.map((s) => { const b = btoa(s); return [b, atob(b)] })
      const errors = []
      for (const bad of ['abc=d', 'a', '@@@@']) { try { atob(bad); errors.push('no error') } catch (e) { errors.push(e.name) } }
      try { btoa('€') } catch (e) { errors.push(e.name) }
      return { out, errors, spaced: atob(' Zm9v\\nYmFy '), unpadded: atob('Zm9vYg') }`;
    expect(await runGuest(body, { globals: { args: inputs } })).toEqual({
      out: inputs.map((s) => [btoa(s), atob(btoa(s))]),
      errors: ["InvalidCharacterError", "InvalidCharacterError", "InvalidCharacterError", "InvalidCharacterError"],
      spaced: "foobar",
      unpadded: "foob",
    });
  });

  it("S8 structuredClone copies nested data, Map, Set, Date, RegExp, typed arrays and cycles; functions throw DataCloneError", async () => {
    const body = `
      const shared = { n: 1 }
      const original = {
        list: [1, 'two', { three: [3] }, null, undefined],
        when: new Date('2024-02-03T04:05:06Z'),
        re: /ab+c/gi,
        map: new Map([['k', { v: shared }], [shared, 'object key']]),
        set: new Set([1, shared]),
        bytes: new Uint8Array([1, 2, 3]),
        big: 10n,
        a: shared, b: shared,
      }
      original.self = original
      const copy = structuredClone(original)
      copy.list[2].three.push(4)
      copy.map.get('k').v.n = 99
      let fn = null
      try { structuredClone({ f() {} }) } catch (e) { fn = e.name }
      return {
        distinct: copy !== original && copy.list !== original.list && copy.when !== original.when,
        originalUntouched: original.list[2].three.length === 1 && shared.n === 1,
        date: copy.when instanceof Date && copy.when.toISOString(),
        re: copy.re instanceof RegExp && copy.re.source + '/' + copy.re.flags,
        mapIsMap: copy.map instanceof Map && copy.map.size,
        mapSharesClone: copy.map.get('k').v === copy.a && copy.a === copy.b,
        setIsSet: copy.set instanceof Set && copy.set.has(copy.a),
        bytes: copy.bytes instanceof Uint8Array && [...copy.bytes],
        big: copy.big === 10n,
        cycle: copy.self === copy,
        undef: copy.list.length === 5 && copy.list[4] === undefined,
        fn,
      }`;
    expect(await runGuest(body)).toEqual({
      distinct: true,
      originalUntouched: true,
      date: "2024-02-03T04:05:06.000Z",
      re: "ab+c/gi",
      mapIsMap: 2,
      mapSharesClone: true,
      setIsSet: true,
      bytes: [1, 2, 3],
      big: true,
      cycle: true,
      undef: true,
      fn: "DataCloneError",
    });
  });

  it("S8 S5 the standard globals are guest code: their constructor chains end at the guest's Function, not the host's", async () => {
    const body = `
      const probes = [URL, URLSearchParams, TextEncoder, TextDecoder, structuredClone, atob, btoa, new URL('https://x.org').searchParams.keys]
      return probes.map((f) => {
        try { return f.constructor.constructor('return typeof process')() } catch (e) { return 'threw ' + e.name }
      })`;
    expect(await runGuest(body)).toEqual(Array(8).fill("undefined"));
  });
});
