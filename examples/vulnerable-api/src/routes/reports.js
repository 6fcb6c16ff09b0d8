import { Router } from "express";
import { requireSession } from "../auth.js";
import { invoices } from "../db.js";

export const reportsRouter = Router();
reportsRouter.use(requireSession);

/** Revenue across all customers: finance staff only. */
reportsRouter.get("/revenue", (req, res) => {
  if (req.get("x-user-role") !== "admin") return res.status(403).json({ error: "admins only" });
  const total = [...invoices.values()].reduce((sum, invoice) => sum + invoice.amount, 0);
  res.json({ total });
});

/** The caller's own spending. */
reportsRouter.get("/mine", (req, res) => {
  const total = [...invoices.values()].filter((i) => i.ownerId === req.user.id).reduce((sum, i) => sum + i.amount, 0);
  res.json({ total });
});
