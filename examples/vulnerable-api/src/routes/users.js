import { Router } from "express";
import { authenticate } from "../auth.js";
import { publicUser, users } from "../db.js";

export const usersRouter = Router();
usersRouter.use(authenticate);

usersRouter.get("/me", (req, res) => {
  res.json(publicUser(req.user));
});

/** Lets a user edit their own profile. */
usersRouter.patch("/me", (req, res) => {
  Object.assign(req.user, req.body);
  res.json(publicUser(req.user));
});

usersRouter.get("/:id", (req, res) => {
  const user = users.get(Number(req.params.id));
  if (!user) return res.status(404).json({ error: "not found" });
  res.json({ id: user.id, name: user.name });
});
