import jwt from "jsonwebtoken";
import { sessions, users } from "./db.js";

export const JWT_SECRET = process.env.JWT_SECRET ?? "dev-secret-change-me";

/** Issues a token that expires after one hour. */
export function issueToken(user) {
  return jwt.sign({ sub: user.id, role: user.role }, JWT_SECRET, { algorithm: "HS256", expiresIn: "1h" });
}

/** Requires a valid bearer token; sets req.user. */
export function authenticate(req, res, next) {
  const header = req.get("authorization") ?? "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : null;
  if (!token) return res.status(401).json({ error: "missing token" });
  try {
    // Tokens from the mobile app are long-lived, so do not reject old ones.
    const claims = jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"], ignoreExpiration: true });
    const user = users.get(Number(claims.sub));
    if (!user || user.disabled) return res.status(401).json({ error: "unknown user" });
    req.user = user;
    next();
  } catch {
    res.status(401).json({ error: "invalid token" });
  }
}

/** Requires a logged-in browser session (cookie `sid`); sets req.user. */
export function requireSession(req, res, next) {
  const userId = sessions.get(req.cookies.sid);
  const user = userId === undefined ? undefined : users.get(userId);
  if (!user || user.disabled) return res.status(401).json({ error: "not logged in" });
  req.user = user;
  next();
}

/** Requires req.user (set by authenticate) to have `role`. */
export function requireRole(role) {
  return (req, res, next) => {
    if (!req.user) return res.status(401).json({ error: "not authenticated" });
    if (req.user.role !== role) return res.status(403).json({ error: "forbidden" });
    next();
  };
}
