import { Router } from "express";
import { authenticate } from "../auth.js";
import { invoices } from "../db.js";

export const invoicesRouter = Router();
invoicesRouter.use(authenticate);

/** The caller's own invoices. */
invoicesRouter.get("/", (req, res) => {
  res.json([...invoices.values()].filter((invoice) => invoice.ownerId === req.user.id));
});

invoicesRouter.get("/:id", (req, res) => {
  const invoice = invoices.get(Number(req.params.id));
  if (!invoice) return res.status(404).json({ error: "not found" });
  res.json(invoice);
});

invoicesRouter.delete("/:id", (req, res) => {
  const invoice = invoices.get(Number(req.params.id));
  if (!invoice || invoice.ownerId !== req.user.id) return res.status(404).json({ error: "not found" });
  invoices.delete(invoice.id);
  res.status(204).end();
});
