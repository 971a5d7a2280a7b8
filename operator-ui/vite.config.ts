/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm run dev` sends API and WebSocket calls: the gateway (override with SWITCHBOARD_GATEWAY). */
const gateway = process.env.SWITCHBOARD_GATEWAY ?? 'http://127.0.0.1:8080';

// The build lands in target/classes/META-INF/resources, so Maven packs it into the operator-ui jar and
// gateway-service (which depends on that jar) serves it at "/".
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/ws': { target: gateway, ws: true, changeOrigin: false },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
