/**
 * The deterministic standard globals of the web platform, written in plain JavaScript and
 * evaluated inside the guest (rule S8): `URL`, `URLSearchParams`, `TextEncoder`, `TextDecoder`,
 * `structuredClone`, `atob`, `btoa` (and `DOMException`, which they throw). Nothing here is a host
 * object (rule S5): the guest gets its own implementations, with no path back to Node.
 *
 * - `URL` follows the WHATWG URL Standard's basic parser (special schemes, opaque paths, IPv4 and
 *   IPv6 hosts, percent-encoding sets, relative resolution, setters). Non-ASCII domain labels are
 *   lower-cased and Punycode-encoded; the full UTS #46 mapping table is not included (a domain
 *   that needs more than lower-casing, such as one with `ß` or full-width letters, keeps it).
 * - `TextDecoder` decodes UTF-8 only (the labels `utf-8`, `utf8`, `unicode-1-1-utf-8`), with
 *   `fatal`, `ignoreBOM` and `{ stream: true }`; other encodings throw a RangeError.
 * - `structuredClone` copies primitives, plain objects, arrays, Date, RegExp, Map, Set, Error,
 *   ArrayBuffer, typed arrays, DataView and boxed primitives, keeping shared and circular
 *   references; functions, symbols and class instances' prototypes are not cloneable (functions
 *   and symbols throw a DataCloneError, other objects come back as plain objects, as in browsers).
 *
 * The source avoids backticks and template placeholders: it lives in a String.raw template.
 */
export const STANDARD_GLOBALS_SOURCE = String.raw`
(() => {
  "use strict";
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  const fromCodePoint = String.fromCodePoint;
  const hex = (b) => "%" + (b < 16 ? "0" : "") + b.toString(16).toUpperCase();

  class DOMException extends Error {
    constructor(message = "", name = "Error") {
      super(String(message));
      Object.defineProperty(this, "name", { value: String(name), writable: true, configurable: true, enumerable: false });
    }
  }

  // ---- UTF-8 ----------------------------------------------------------------------------------
  const utf8Encode = (input) => {
    const s = String(input);
    const out = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00); i++; }
        else c = 0xfffd;
      } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  };
  // Decodes bytes[from, to); returns [text, index of an incomplete tail (or to)]; fatal throws.
  const utf8Decode = (bytes, fatal, stream) => {
    let out = "";
    let i = 0;
    const n = bytes.length;
    const bad = () => {
      if (fatal) throw new TypeError("The encoded data was not valid UTF-8.");
      out += "\uFFFD";
    };
    while (i < n) {
      const b = bytes[i];
      if (b < 0x80) { out += fromCodePoint(b); i++; continue; }
      let need = 0, cp = 0, lower = 0x80, upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
      else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0xf; if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; }
      else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 7; if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; }
      else { bad(); i++; continue; }
      let j = 1;
      for (; j <= need; j++) {
        if (i + j >= n) break;
        const c = bytes[i + j];
        if (c < lower || c > upper) break;
        lower = 0x80; upper = 0xbf;
        cp = (cp << 6) | (c & 63);
      }
      if (j > need) { out += fromCodePoint(cp); i += need + 1; continue; }
      if (i + j >= n && stream) return [out, i];
      bad();
      i += j;
    }
    return [out, n];
  };
  const bytesOf = (input) => {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError("The input must be an ArrayBuffer, a typed array or a DataView.");
  };

  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(input = "") { return new Uint8Array(utf8Encode(input)); }
    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) throw new TypeError("encodeInto(source, destination) needs a Uint8Array destination.");
      const s = String(source);
      let read = 0, written = 0;
      for (const ch of s) {
        const bytes = utf8Encode(ch);
        if (written + bytes.length > destination.length) break;
        destination.set(bytes, written);
        written += bytes.length;
        read += ch.length;
      }
      return { read, written };
    }
  }

  const UTF8_LABELS = ["utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"];
  class TextDecoder {
    #fatal; #ignoreBOM; #pending = []; #bomSeen = false;
    constructor(label = "utf-8", options = {}) {
      const name = String(label).trim().toLowerCase();
      if (!UTF8_LABELS.includes(name)) throw new RangeError("TextDecoder: the encoding \"" + label + "\" is not supported in workflow scripts (only utf-8).");
      this.#fatal = Boolean(options && options.fatal);
      this.#ignoreBOM = Boolean(options && options.ignoreBOM);
    }
    get encoding() { return "utf-8"; }
    get fatal() { return this.#fatal; }
    get ignoreBOM() { return this.#ignoreBOM; }
    decode(input, options = {}) {
      const stream = Boolean(options && options.stream);
      const fresh = bytesOf(input);
      const bytes = this.#pending.length ? [...this.#pending, ...fresh] : fresh;
      let text, end;
      try {
        [text, end] = utf8Decode(bytes, this.#fatal, stream);
      } catch (error) {
        this.#pending = []; this.#bomSeen = false;
        throw error;
      }
      this.#pending = Array.prototype.slice.call(bytes, end);
      if (!this.#bomSeen && text.length > 0) {
        this.#bomSeen = true;
        if (!this.#ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (!stream) { this.#pending = []; this.#bomSeen = false; }
      return text;
    }
  }

  // ---- base64 ---------------------------------------------------------------------------------
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const btoa = function btoa(data) {
    if (arguments.length === 0) throw new TypeError("btoa(data) needs one argument.");
    const s = String(data);
    let out = "";
    for (let i = 0; i < s.length; i += 3) {
      const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
      if (a > 255 || b > 255 || c > 255) throw new DOMException("btoa: the string contains characters outside Latin-1; encode it to UTF-8 bytes first (TextEncoder).", "InvalidCharacterError");
      const n = (a << 16) | ((b || 0) << 8) | (c || 0);
      out += B64[n >> 18] + B64[(n >> 12) & 63] + (i + 1 < s.length ? B64[(n >> 6) & 63] : "=") + (i + 2 < s.length ? B64[n & 63] : "=");
    }
    return out;
  };
  const atob = function atob(data) {
    if (arguments.length === 0) throw new TypeError("atob(data) needs one argument.");
    let s = String(data).replace(/[\t\n\f\r ]/g, "");
    if (s.length % 4 === 0) s = s.replace(/==?$/, "");
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) throw new DOMException("atob: the string is not valid base64.", "InvalidCharacterError");
    let out = "", buffer = 0, bits = 0;
    for (const ch of s) {
      buffer = (buffer << 6) | B64.indexOf(ch);
      bits += 6;
      if (bits >= 8) { bits -= 8; out += fromCodePoint((buffer >> bits) & 255); }
    }
    return out;
  };

  // ---- structuredClone ------------------------------------------------------------------------
  const TYPED = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  const ERRORS = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const cloneError = (what) => new DOMException(what + " could not be cloned.", "DataCloneError");
  const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const structuredClone = function structuredClone(value, options) {
    if (arguments.length === 0) throw new TypeError("structuredClone(value) needs one argument.");
    if (options && options.transfer && options.transfer.length) throw cloneError("transfer: moving ArrayBuffers between workflow scripts is not supported; the value");
    const seen = new Map();
    const clone = (v) => {
      if (typeof v === "symbol") throw cloneError(String(v));
      if (typeof v === "function") throw cloneError("function " + (v.name || "(anonymous)"));
      if (v === null || typeof v !== "object") return v;
      if (seen.has(v)) return seen.get(v);
      const tag = tagOf(v);
      let out;
      if (Array.isArray(v)) {
        out = new Array(v.length);
        seen.set(v, out);
        for (const key of Object.keys(v)) out[key] = clone(v[key]);
        return out;
      }
      if (v instanceof Date) { out = new Date(v.getTime()); seen.set(v, out); return out; }
      if (v instanceof RegExp) { out = new RegExp(v.source, v.flags); seen.set(v, out); return out; }
      if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [k, x] of v) out.set(clone(k), clone(x)); return out; }
      if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const x of v) out.add(clone(x)); return out; }
      if (v instanceof ArrayBuffer) { out = v.slice(0); seen.set(v, out); return out; }
      if (v instanceof DataView) { out = new DataView(clone(v.buffer), v.byteOffset, v.byteLength); seen.set(v, out); return out; }
      for (const T of TYPED) {
        if (v instanceof T) { out = new T(clone(v.buffer), v.byteOffset, v.length); seen.set(v, out); return out; }
      }
      if (v instanceof Error) {
        const Ctor = Object.hasOwn(ERRORS, v.name) ? ERRORS[v.name] : Error;
        out = new Ctor(String(v.message));
        seen.set(v, out);
        if (typeof v.stack === "string") Object.defineProperty(out, "stack", { value: v.stack, writable: true, configurable: true, enumerable: false });
        if ("cause" in v) Object.defineProperty(out, "cause", { value: clone(v.cause), writable: true, configurable: true, enumerable: false });
        return out;
      }
      if (tag === "Boolean" || tag === "Number" || tag === "String" || tag === "BigInt") { out = Object(v.valueOf()); seen.set(v, out); return out; }
      if (tag === "Promise" || tag === "WeakMap" || tag === "WeakSet" || tag === "Symbol") throw cloneError(tag);
      out = {};
      seen.set(v, out);
      for (const key of Object.keys(v)) out[key] = clone(v[key]);
      return out;
    };
    return clone(value);
  };

  // ---- URL (WHATWG URL Standard) --------------------------------------------------------------
  const SPECIAL = { "ftp:": 21, "file:": null, "http:": 80, "https:": 443, "ws:": 80, "wss:": 443 };
  const isSpecialScheme = (s) => Object.hasOwn(SPECIAL, s + ":");
  const C0 = (c) => c < 0x20 || c > 0x7e;
  const FRAGMENT = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x60;
  const QUERY = (c) => C0(c) || c === 0x20 || c === 0x22 || c === 0x23 || c === 0x3c || c === 0x3e;
  const SPECIAL_QUERY = (c) => QUERY(c) || c === 0x27;
  const PATH = (c) => QUERY(c) || c === 0x3f || c === 0x5e || c === 0x60 || c === 0x7b || c === 0x7d;
  const USERINFO = (c) => PATH(c) || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40 || (c >= 0x5b && c <= 0x5d) || c === 0x7c;
  const COMPONENT = (c) => USERINFO(c) || (c >= 0x24 && c <= 0x26) || c === 0x2b || c === 0x2c;
  const FORM = (c) => COMPONENT(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7e;
  const encodeSet = (text, set, spaceAsPlus) => {
    let out = "";
    for (const ch of text) {
      const cp = ch.codePointAt(0);
      if (spaceAsPlus && cp === 0x20) { out += "+"; continue; }
      if (cp < 0x80 && !set(cp)) { out += ch; continue; }
      if (cp < 0x80) { out += hex(cp); continue; }
      for (const b of utf8Encode(ch)) out += hex(b);
    }
    return out;
  };
  const percentDecodeBytes = (text) => {
    const bytes = utf8Encode(text);
    const out = [];
    const isHex = (b) => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
        i += 2;
      } else out.push(b);
    }
    return out;
  };
  const percentDecode = (text) => utf8Decode(percentDecodeBytes(text), false, false)[0];
  const ALPHA = /[A-Za-z]/;
  const ALNUM_PLUS = /[A-Za-z0-9+\-.]/;
  const isWindowsLetter = (s, normalizedOnly) => s.length === 2 && ALPHA.test(s[0]) && (s[1] === ":" || (!normalizedOnly && s[1] === "|"));
  const startsWithWindowsLetter = (cps, i) =>
    i + 1 < cps.length && isWindowsLetter(cps[i] + cps[i + 1], false) && (i + 2 === cps.length || "/\\?#".includes(cps[i + 2]));
  const FORBIDDEN_HOST = /[\u0000\t\n\r #/:<>?@[\\\]^|]/;
  const FORBIDDEN_DOMAIN = /[\u0000-\u001f\t\n\r #/:<>?@[\\\]^|%\u007f]/;

  // Punycode (RFC 3492) for domain labels.
  const punycode = (label) => {
    const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
    const cps = Array.from(label, (c) => c.codePointAt(0));
    let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join("");
    const basic = out.length;
    let handled = basic;
    if (basic > 0) out += "-";
    const digit = (d) => String.fromCharCode(d + 22 + 75 * (d < 26));
    const adapt = (delta, points, first) => {
      let k = 0;
      delta = first ? Math.floor(delta / damp) : delta >> 1;
      delta += Math.floor(delta / points);
      for (; delta > ((base - tMin) * tMax) >> 1; k += base) delta = Math.floor(delta / (base - tMin));
      return Math.floor(k + ((base - tMin + 1) * delta) / (delta + skew));
    };
    let n = 128, delta = 0, bias = 72;
    while (handled < cps.length) {
      let m = Infinity;
      for (const c of cps) if (c >= n && c < m) m = c;
      delta += (m - n) * (handled + 1);
      n = m;
      for (const c of cps) {
        if (c < n) delta++;
        if (c === n) {
          let q = delta;
          for (let k = base; ; k += base) {
            const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
            if (q < t) break;
            out += digit(t + ((q - t) % (base - t)));
            q = Math.floor((q - t) / (base - t));
          }
          out += digit(q);
          bias = adapt(delta, handled + 1, handled === basic);
          delta = 0;
          handled++;
        }
      }
      delta++; n++;
    }
    return out;
  };
  const domainToASCII = (domain) => {
    const labels = domain.replace(/[\u3002\uff0e\uff61]/g, ".").split(".");
    return labels
      .map((label) => {
        const lower = label.toLowerCase();
        return /[^\u0000-\u007f]/.test(lower) ? "xn--" + punycode(lower.normalize("NFC")) : lower;
      })
      .join(".");
  };

  const parseIPv4Number = (part) => {
    if (part === "") return NaN;
    let radix = 10;
    if (part.length >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) { part = part.slice(2); radix = 16; }
    else if (part.length >= 2 && part[0] === "0") { part = part.slice(1); radix = 8; }
    if (part === "") return 0;
    const ok = radix === 10 ? /^[0-9]+$/ : radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    return ok.test(part) ? parseInt(part, radix) : NaN;
  };
  const endsInNumber = (host) => {
    const parts = host.split(".");
    if (parts[parts.length - 1] === "") { if (parts.length === 1) return false; parts.pop(); }
    const last = parts[parts.length - 1];
    if (last !== "" && /^[0-9]+$/.test(last)) return true;
    return !Number.isNaN(parseIPv4Number(last));
  };
  const parseIPv4 = (host) => {
    const parts = host.split(".");
    if (parts[parts.length - 1] === "" && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const nums = parts.map(parseIPv4Number);
    if (nums.some(Number.isNaN)) return null;
    for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    if (nums[nums.length - 1] >= 256 ** (5 - nums.length)) return null;
    let ipv4 = nums[nums.length - 1];
    for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * 256 ** (3 - i);
    return ipv4;
  };
  const serializeIPv4 = (n) => [Math.floor(n / 16777216) % 256, Math.floor(n / 65536) % 256, Math.floor(n / 256) % 256, n % 256].join(".");
  const parseIPv6 = (input) => {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let piece = 0, compress = null, p = 0;
    const c = () => input[p];
    const isHexCh = (ch) => ch !== undefined && /[0-9A-Fa-f]/.test(ch);
    if (c() === ":") {
      if (input[p + 1] !== ":") return null;
      p += 2; piece++; compress = piece;
    }
    while (c() !== undefined) {
      if (piece === 8) return null;
      if (c() === ":") {
        if (compress !== null) return null;
        p++; piece++; compress = piece; continue;
      }
      let value = 0, length = 0;
      while (length < 4 && isHexCh(c())) { value = value * 16 + parseInt(c(), 16); p++; length++; }
      if (c() === ".") {
        if (length === 0) return null;
        p -= length;
        if (piece > 6) return null;
        let seen = 0;
        while (c() !== undefined) {
          let v4 = null;
          if (seen > 0) { if (c() === "." && seen < 4) p++; else return null; }
          if (!/[0-9]/.test(c() || "")) return null;
          while (/[0-9]/.test(c() || "")) {
            const n = Number(c());
            if (v4 === null) v4 = n; else if (v4 === 0) return null; else v4 = v4 * 10 + n;
            if (v4 > 255) return null;
            p++;
          }
          address[piece] = address[piece] * 256 + v4;
          seen++;
          if (seen === 2 || seen === 4) piece++;
        }
        if (seen !== 4) return null;
        break;
      } else if (c() === ":") {
        p++;
        if (c() === undefined) return null;
      } else if (c() !== undefined) return null;
      address[piece] = value;
      piece++;
    }
    if (compress !== null) {
      let swaps = piece - compress;
      piece = 7;
      while (piece !== 0 && swaps > 0) {
        const t = address[compress + swaps - 1];
        address[compress + swaps - 1] = address[piece];
        address[piece] = t;
        piece--; swaps--;
      }
    } else if (piece !== 8) return null;
    return address;
  };
  const serializeIPv6 = (a) => {
    let best = -1, bestLen = 1;
    for (let i = 0; i < 8; ) {
      if (a[i] !== 0) { i++; continue; }
      let j = i;
      while (j < 8 && a[j] === 0) j++;
      if (j - i > bestLen) { best = i; bestLen = j - i; }
      i = j;
    }
    let out = "";
    let ignore0 = false;
    for (let i = 0; i < 8; i++) {
      if (ignore0 && a[i] === 0) continue;
      ignore0 = false;
      if (best === i) { out += i === 0 ? "::" : ":"; ignore0 = true; continue; }
      out += a[i].toString(16);
      if (i !== 7) out += ":";
    }
    return "[" + out + "]";
  };
  // -> the serialized host, or null on failure
  const parseHost = (input, notSpecial) => {
    if (input.startsWith("[")) {
      if (!input.endsWith("]")) return null;
      const a = parseIPv6(input.slice(1, -1));
      return a ? serializeIPv6(a) : null;
    }
    if (notSpecial) return FORBIDDEN_HOST.test(input) ? null : encodeSet(input, C0, false);
    const ascii = domainToASCII(percentDecode(input));
    if (ascii === "" || FORBIDDEN_DOMAIN.test(ascii)) return null;
    if (endsInNumber(ascii)) {
      const v4 = parseIPv4(ascii);
      return v4 === null ? null : serializeIPv4(v4);
    }
    return ascii;
  };

  const FAILURE = {};
  const shortenPath = (url) => {
    if (url.scheme === "file" && url.path.length === 1 && isWindowsLetter(url.path[0], true)) return;
    url.path.pop();
  };
  const isSingleDot = (s) => s === "." || s.toLowerCase() === "%2e";
  const isDoubleDot = (s) => ["..", ".%2e", "%2e.", "%2e%2e"].includes(s.toLowerCase());

  // The basic URL parser. With stateOverride it edits 'url' in place (setters) and returns it or FAILURE.
  const basicParse = (rawInput, base, given, stateOverride) => {
    let input = rawInput;
    let url = given;
    if (!url) {
      url = { scheme: "", username: "", password: "", host: null, port: null, path: [], opaque: false, query: null, fragment: null };
      input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
    }
    input = input.replace(/[\t\n\r]/g, "");
    let state = stateOverride || "scheme start";
    let buffer = "";
    let atSign = false, insideBrackets = false, passwordToken = false;
    const cps = Array.from(input);
    const special = () => isSpecialScheme(url.scheme);
    for (let p = 0; p <= cps.length; p++) {
      const c = cps[p];
      const remaining = (k) => cps[p + k];
      switch (state) {
        case "scheme start":
          if (c !== undefined && ALPHA.test(c)) { buffer += c.toLowerCase(); state = "scheme"; }
          else if (!stateOverride) { state = "no scheme"; p--; }
          else return FAILURE;
          break;
        case "scheme":
          if (c !== undefined && ALNUM_PLUS.test(c)) buffer += c.toLowerCase();
          else if (c === ":") {
            if (stateOverride) {
              if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
              if ((url.username !== "" || url.password !== "" || url.port !== null) && buffer === "file") return url;
              if (url.scheme === "file" && url.host === "") return url;
            }
            url.scheme = buffer;
            if (stateOverride) {
              if (url.port === SPECIAL[url.scheme + ":"]) url.port = null;
              return url;
            }
            buffer = "";
            if (url.scheme === "file") state = "file";
            else if (special() && base && base.scheme === url.scheme) state = "special relative or authority";
            else if (special()) state = "special authority slashes";
            else if (remaining(1) === "/") { state = "path or authority"; p++; }
            else { url.opaque = true; url.path = ""; state = "opaque path"; }
          } else if (!stateOverride) { buffer = ""; state = "no scheme"; p = -1; }
          else return FAILURE;
          break;
        case "no scheme":
          if (!base || (base.opaque && c !== "#")) return FAILURE;
          if (base.opaque && c === "#") {
            url.scheme = base.scheme; url.path = base.path; url.opaque = true; url.query = base.query; url.fragment = ""; state = "fragment";
          } else if (base.scheme !== "file") { state = "relative"; p--; }
          else { state = "file"; p--; }
          break;
        case "special relative or authority":
          if (c === "/" && remaining(1) === "/") { state = "special authority ignore slashes"; p++; }
          else { state = "relative"; p--; }
          break;
        case "path or authority":
          if (c === "/") state = "authority";
          else { state = "path"; p--; }
          break;
        case "relative":
          url.scheme = base.scheme;
          if (c === "/") state = "relative slash";
          else if (special() && c === "\\") state = "relative slash";
          else {
            url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
            url.path = base.path.slice(); url.query = base.query;
            if (c === "?") { url.query = ""; state = "query"; }
            else if (c === "#") { url.fragment = ""; state = "fragment"; }
            else if (c !== undefined) { url.query = null; shortenPath(url); state = "path"; p--; }
          }
          break;
        case "relative slash":
          if (special() && (c === "/" || c === "\\")) state = "special authority ignore slashes";
          else if (c === "/") state = "authority";
          else { url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port; state = "path"; p--; }
          break;
        case "special authority slashes":
          if (c === "/" && remaining(1) === "/") { state = "special authority ignore slashes"; p++; }
          else { state = "special authority ignore slashes"; p--; }
          break;
        case "special authority ignore slashes":
          if (c !== "/" && c !== "\\") { state = "authority"; p--; }
          break;
        case "authority":
          if (c === "@") {
            if (atSign) buffer = "%40" + buffer;
            atSign = true;
            for (const ch of Array.from(buffer)) {
              if (ch === ":" && !passwordToken) { passwordToken = true; continue; }
              const enc = encodeSet(ch, USERINFO, false);
              if (passwordToken) url.password += enc; else url.username += enc;
            }
            buffer = "";
          } else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
            if (atSign && buffer === "") return FAILURE;
            p -= Array.from(buffer).length + 1;
            buffer = "";
            state = "host";
          } else buffer += c;
          break;
        case "host":
        case "hostname":
          if (stateOverride && url.scheme === "file") { p--; state = "file host"; }
          else if (c === ":" && !insideBrackets) {
            if (buffer === "") return FAILURE;
            if (stateOverride === "hostname") return FAILURE;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host; buffer = ""; state = "port";
          } else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\")) {
            p--;
            if (special() && buffer === "") return FAILURE;
            if (stateOverride && buffer === "" && (url.username !== "" || url.password !== "" || url.port !== null)) return url;
            const host = parseHost(buffer, !special());
            if (host === null) return FAILURE;
            url.host = host; buffer = ""; state = "path start";
            if (stateOverride) return url;
          } else {
            if (c === "[") insideBrackets = true;
            if (c === "]") insideBrackets = false;
            buffer += c;
          }
          break;
        case "port":
          if (c !== undefined && /[0-9]/.test(c)) buffer += c;
          else if (c === undefined || c === "/" || c === "?" || c === "#" || (special() && c === "\\") || stateOverride) {
            if (buffer !== "") {
              const port = parseInt(buffer, 10);
              if (port > 65535) return FAILURE;
              url.port = SPECIAL[url.scheme + ":"] === port ? null : port;
              buffer = "";
              if (stateOverride) return url;
            }
            if (stateOverride) return FAILURE;
            state = "path start"; p--;
          } else return FAILURE;
          break;
        case "file":
          url.scheme = "file";
          url.host = "";
          if (c === "/" || c === "\\") state = "file slash";
          else if (base && base.scheme === "file") {
            url.host = base.host; url.path = base.path.slice(); url.query = base.query;
            if (c === "?") { url.query = ""; state = "query"; }
            else if (c === "#") { url.fragment = ""; state = "fragment"; }
            else if (c !== undefined) {
              url.query = null;
              if (!startsWithWindowsLetter(cps, p)) shortenPath(url);
              else url.path = [];
              state = "path"; p--;
            }
          } else { state = "path"; p--; }
          break;
        case "file slash":
          if (c === "/" || c === "\\") state = "file host";
          else {
            if (base && base.scheme === "file") {
              url.host = base.host;
              if (!startsWithWindowsLetter(cps, p) && base.path.length > 0 && isWindowsLetter(base.path[0], true)) url.path.push(base.path[0]);
            }
            state = "path"; p--;
          }
          break;
        case "file host":
          if (c === undefined || c === "/" || c === "\\" || c === "?" || c === "#") {
            p--;
            if (!stateOverride && isWindowsLetter(buffer, false)) state = "path";
            else if (buffer === "") {
              url.host = "";
              if (stateOverride) return url;
              state = "path start";
            } else {
              let host = parseHost(buffer, false);
              if (host === null) return FAILURE;
              if (host === "localhost") host = "";
              url.host = host;
              if (stateOverride) return url;
              buffer = ""; state = "path start";
            }
          } else buffer += c;
          break;
        case "path start":
          if (special()) { state = "path"; if (c !== "/" && c !== "\\") p--; }
          else if (!stateOverride && c === "?") { url.query = ""; state = "query"; }
          else if (!stateOverride && c === "#") { url.fragment = ""; state = "fragment"; }
          else if (c !== undefined) { state = "path"; if (c !== "/") p--; }
          else if (stateOverride && url.host === null) url.path.push("");
          break;
        case "path":
          if (c === undefined || c === "/" || (special() && c === "\\") || (!stateOverride && (c === "?" || c === "#"))) {
            if (isDoubleDot(buffer)) {
              shortenPath(url);
              if (c !== "/" && !(special() && c === "\\")) url.path.push("");
            } else if (isSingleDot(buffer) && c !== "/" && !(special() && c === "\\")) url.path.push("");
            else if (!isSingleDot(buffer)) {
              if (url.scheme === "file" && url.path.length === 0 && isWindowsLetter(buffer, false)) buffer = buffer[0] + ":";
              url.path.push(buffer);
            }
            buffer = "";
            if (c === "?") { url.query = ""; state = "query"; }
            if (c === "#") { url.fragment = ""; state = "fragment"; }
          } else buffer += encodeSet(c, PATH, false);
          break;
        case "opaque path":
          if (c === "?") { url.query = ""; state = "query"; }
          else if (c === "#") { url.fragment = ""; state = "fragment"; }
          else if (c === " " && (remaining(1) === "?" || remaining(1) === "#")) url.path += "%20";
          else if (c !== undefined) url.path += encodeSet(c, C0, false);
          break;
        case "query":
          if ((!stateOverride && c === "#") || c === undefined) {
            url.query += encodeSet(buffer, special() ? SPECIAL_QUERY : QUERY, false);
            buffer = "";
            if (c === "#") { url.fragment = ""; state = "fragment"; }
          } else buffer += c;
          break;
        case "fragment":
          if (c !== undefined) url.fragment += encodeSet(c, FRAGMENT, false);
          break;
      }
    }
    return url;
  };

  const serializePath = (url) => (url.opaque ? url.path : url.path.map((s) => "/" + s).join(""));
  const serialize = (url, excludeFragment) => {
    let out = url.scheme + ":";
    if (url.host !== null) {
      out += "//";
      if (url.username !== "" || url.password !== "") {
        out += url.username;
        if (url.password !== "") out += ":" + url.password;
        out += "@";
      }
      out += url.host;
      if (url.port !== null) out += ":" + url.port;
    }
    if (url.host === null && !url.opaque && url.path.length > 1 && url.path[0] === "") out += "/.";
    out += serializePath(url);
    if (url.query !== null) out += "?" + url.query;
    if (!excludeFragment && url.fragment !== null) out += "#" + url.fragment;
    return out;
  };

  // application/x-www-form-urlencoded
  const parseForm = (text) => {
    const out = [];
    for (const part of String(text).split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      const name = eq >= 0 ? part.slice(0, eq) : part;
      const value = eq >= 0 ? part.slice(eq + 1) : "";
      out.push([percentDecode(name.replace(/\+/g, " ")), percentDecode(value.replace(/\+/g, " "))]);
    }
    return out;
  };
  const toUSV = (v) => String(v).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, (m) => (m.length === 2 ? m[0] + "\uFFFD" : "\uFFFD"));
  const serializeForm = (list) => list.map(([n, v]) => encodeSet(n, FORM, true) + "=" + encodeSet(v, FORM, true)).join("&");

  const LIST = Symbol("list");
  const OWNER = Symbol("owner");
  class URLSearchParams {
    constructor(init = "") {
      this[LIST] = [];
      this[OWNER] = null;
      if (init instanceof URLSearchParams) this[LIST] = init[LIST].map((p) => p.slice());
      else if (init !== null && typeof init === "object" && typeof init[Symbol.iterator] === "function") {
        for (const pair of init) {
          const items = Array.from(pair);
          if (items.length !== 2) throw new TypeError("URLSearchParams: each pair must have exactly two items (name and value).");
          this[LIST].push([toUSV(items[0]), toUSV(items[1])]);
        }
      } else if (init !== null && typeof init === "object") {
        for (const key of Object.keys(init)) this[LIST].push([toUSV(key), toUSV(init[key])]);
      } else {
        const text = toUSV(init);
        this[LIST] = parseForm(text.startsWith("?") ? text.slice(1) : text);
      }
      Object.defineProperty(this, LIST, { enumerable: false });
      Object.defineProperty(this, OWNER, { enumerable: false });
    }
    #update() {
      const owner = this[OWNER];
      if (!owner) return;
      const text = serializeForm(this[LIST]);
      owner.query = text === "" ? null : text;
    }
    get size() { return this[LIST].length; }
    append(name, value) { this[LIST].push([toUSV(name), toUSV(value)]); this.#update(); }
    delete(name, value) {
      const n = toUSV(name);
      this[LIST] = this[LIST].filter(([k, v]) => !(k === n && (value === undefined || v === toUSV(value))));
      this.#update();
    }
    get(name) { const n = toUSV(name); const hit = this[LIST].find(([k]) => k === n); return hit ? hit[1] : null; }
    getAll(name) { const n = toUSV(name); return this[LIST].filter(([k]) => k === n).map(([, v]) => v); }
    has(name, value) { const n = toUSV(name); return this[LIST].some(([k, v]) => k === n && (value === undefined || v === toUSV(value))); }
    set(name, value) {
      const n = toUSV(name), v = toUSV(value);
      const i = this[LIST].findIndex(([k]) => k === n);
      if (i < 0) this[LIST].push([n, v]);
      else { this[LIST][i][1] = v; this[LIST] = this[LIST].filter(([k], j) => j <= i || k !== n); }
      this.#update();
    }
    sort() {
      const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
      const cmp = (a, b) => {
        const x = units(a), y = units(b);
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
        return x.length - y.length;
      };
      this[LIST] = this[LIST].map((p, i) => [p, i]).sort((a, b) => cmp(a[0][0], b[0][0]) || a[1] - b[1]).map(([p]) => p);
      this.#update();
    }
    forEach(callback, thisArg) { for (const [k, v] of this[LIST].slice()) callback.call(thisArg, v, k, this); }
    *entries() { for (let i = 0; i < this[LIST].length; i++) yield this[LIST][i].slice(); }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return serializeForm(this[LIST]); }
    get [Symbol.toStringTag]() { return "URLSearchParams"; }
  }

  const RECORD = Symbol("record");
  const PARAMS = Symbol("params");
  const parseOrThrow = (input, base) => {
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(toUSV(base), null);
      if (baseRecord === FAILURE) throw new TypeError("Invalid base URL: " + String(base));
    }
    const record = basicParse(toUSV(input), baseRecord);
    if (record === FAILURE) throw new TypeError("Invalid URL: " + String(input));
    return record;
  };
  class URL {
    constructor(url, base) {
      if (arguments.length === 0) throw new TypeError("new URL(url, base?) needs a url.");
      const record = parseOrThrow(url, base);
      Object.defineProperty(this, RECORD, { value: record, enumerable: false });
      const params = new URLSearchParams(record.query || "");
      params[OWNER] = record;
      Object.defineProperty(this, PARAMS, { value: params, enumerable: false });
    }
    static canParse(url, base) { try { parseOrThrow(url, base); return true; } catch { return false; } }
    static parse(url, base) { try { return new URL(url, base); } catch { return null; } }
    #reparams() { this[PARAMS][LIST] = parseForm(this[RECORD].query || ""); }
    get href() { return serialize(this[RECORD], false); }
    set href(value) {
      const record = basicParse(toUSV(value), null);
      if (record === FAILURE) throw new TypeError("Invalid URL: " + String(value));
      Object.assign(this[RECORD], record);
      this.#reparams();
    }
    get origin() {
      const r = this[RECORD];
      if (r.scheme === "blob") { try { return new URL(serializePath(r)).origin; } catch { return "null"; } }
      if (["ftp", "http", "https", "ws", "wss"].includes(r.scheme)) return r.scheme + "://" + r.host + (r.port !== null ? ":" + r.port : "");
      return "null";
    }
    get protocol() { return this[RECORD].scheme + ":"; }
    set protocol(value) { basicParse(toUSV(value) + ":", null, this[RECORD], "scheme start"); }
    get username() { return this[RECORD].username; }
    set username(value) {
      const r = this[RECORD];
      if (r.host === null || r.host === "" || r.scheme === "file") return;
      r.username = encodeSet(toUSV(value), USERINFO, false);
    }
    get password() { return this[RECORD].password; }
    set password(value) {
      const r = this[RECORD];
      if (r.host === null || r.host === "" || r.scheme === "file") return;
      r.password = encodeSet(toUSV(value), USERINFO, false);
    }
    get host() {
      const r = this[RECORD];
      if (r.host === null) return "";
      return r.port === null ? r.host : r.host + ":" + r.port;
    }
    set host(value) {
      const r = this[RECORD];
      if (r.opaque) return;
      const copy = Object.assign({}, r, { path: r.path.slice() });
      if (basicParse(toUSV(value), null, copy, "host") !== FAILURE) Object.assign(r, copy);
    }
    get hostname() { const h = this[RECORD].host; return h === null ? "" : h; }
    set hostname(value) {
      const r = this[RECORD];
      if (r.opaque) return;
      const copy = Object.assign({}, r, { path: r.path.slice() });
      if (basicParse(toUSV(value), null, copy, "hostname") !== FAILURE) Object.assign(r, copy);
    }
    get port() { const p = this[RECORD].port; return p === null ? "" : String(p); }
    set port(value) {
      const r = this[RECORD];
      if (r.host === null || r.host === "" || r.scheme === "file") return;
      const text = toUSV(value);
      if (text === "") { r.port = null; return; }
      const copy = Object.assign({}, r);
      if (basicParse(text, null, copy, "port") !== FAILURE) r.port = copy.port;
    }
    get pathname() { return serializePath(this[RECORD]); }
    set pathname(value) {
      const r = this[RECORD];
      if (r.opaque) return;
      r.path = [];
      basicParse(toUSV(value), null, r, "path start");
    }
    get search() { const q = this[RECORD].query; return q === null || q === "" ? "" : "?" + q; }
    set search(value) {
      const r = this[RECORD];
      let text = toUSV(value);
      if (text === "") { r.query = null; this[PARAMS][LIST] = []; return; }
      if (text.startsWith("?")) text = text.slice(1);
      r.query = "";
      basicParse(text, null, r, "query");
      this.#reparams();
    }
    get searchParams() { return this[PARAMS]; }
    get hash() { const f = this[RECORD].fragment; return f === null || f === "" ? "" : "#" + f; }
    set hash(value) {
      const r = this[RECORD];
      let text = toUSV(value);
      if (text === "") { r.fragment = null; return; }
      if (text.startsWith("#")) text = text.slice(1);
      r.fragment = "";
      basicParse(text, null, r, "fragment");
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return "URL"; }
  }

  define("DOMException", DOMException);
  define("TextEncoder", TextEncoder);
  define("TextDecoder", TextDecoder);
  define("atob", atob);
  define("btoa", btoa);
  define("structuredClone", structuredClone);
  define("URLSearchParams", URLSearchParams);
  define("URL", URL);
})();
`;
