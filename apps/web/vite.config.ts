import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react()],
  server: { proxy: { "/api": api, "/healthz": api, "/readyz": api } },
  build: { outDir: "dist", assetsDir: "assets", sourcemap: true, manifest: true, chunkSizeWarningLimit: 600 },
});
