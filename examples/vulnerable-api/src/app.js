import cookieParser from "cookie-parser";
import express from "express";
import { adminRouter } from "./routes/admin.js";
import { invoicesRouter } from "./routes/invoices.js";
import { reportsRouter } from "./routes/reports.js";
import { sessionRouter } from "./routes/session.js";
import { usersRouter } from "./routes/users.js";

export function createApp() {
  const app = express();
  app.use(express.json());
  app.use(cookieParser());

  app.get("/health", (req, res) => {
    res.json({ ok: true });
  });

  app.use("/session", sessionRouter);
  app.use("/users", usersRouter);
  app.use("/invoices", invoicesRouter);
  app.use("/reports", reportsRouter);
  app.use("/admin", adminRouter);

  app.use((err, req, res, next) => {
    res.status(500).json({ error: "internal error" });
  });
  return app;
}
