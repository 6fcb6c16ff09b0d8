import { createApp } from "./app.js";

const port = Number(process.env.PORT ?? 3000);
createApp().listen(port, () => {
  console.log(`vulnerable-api listening on http://localhost:${port} (a test fixture: never deploy it)`);
});
