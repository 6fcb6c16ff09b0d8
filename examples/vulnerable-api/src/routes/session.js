import { randomBytes } from "node:crypto";
import { Router } from "express";
import { issueToken } from "../auth.js";
import { sessions, users } from "../db.js";

export const sessionRouter = Router();

function findByCredentials(email, password) {
  for (const user of users.values()) {
    if (user.email === email && user.password === password && !user.disabled) return user;
  }
  return undefined;
}

/** Browser login: binds the session cookie to the user. */
sessionRouter.post("/login", (req, res) => {
  const user = findByCredentials(req.body?.email, req.body?.password);
  if (!user) return res.status(401).json({ error: "wrong email or password" });
  // Keep the visitor's existing session so their cart survives the login.
  const sid = req.cookies.sid ?? randomBytes(24).toString("hex");
  sessions.set(sid, user.id);
  res.cookie("sid", sid, { httpOnly: true, sameSite: "lax" });
  res.json({ ok: true });
});

/** API login: returns a bearer token. */
sessionRouter.post("/token", (req, res) => {
  const user = findByCredentials(req.body?.email, req.body?.password);
  if (!user) return res.status(401).json({ error: "wrong email or password" });
  res.json({ token: issueToken(user) });
});

sessionRouter.post("/logout", (req, res) => {
  sessions.delete(req.cookies.sid);
  res.clearCookie("sid");
  res.json({ ok: true });
});
