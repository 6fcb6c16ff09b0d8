import { Router } from "express";
import { authenticate, requireRole } from "../auth.js";
import { publicUser, users } from "../db.js";

export const adminRouter = Router();

/** Every account, for the support dashboard. */
adminRouter.get("/users", (req, res) => {
  res.json([...users.values()].map(publicUser));
});

adminRouter.post("/users/:id/disable", authenticate, requireRole("admin"), (req, res) => {
  const user = users.get(Number(req.params.id));
  if (!user) return res.status(404).json({ error: "not found" });
  user.disabled = true;
  res.json(publicUser(user));
});

adminRouter.delete("/users/:id", authenticate, requireRole("admin"), (req, res) => {
  if (!users.delete(Number(req.params.id))) return res.status(404).json({ error: "not found" });
  res.status(204).end();
});
