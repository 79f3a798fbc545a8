import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server the dev server forwards to (`npm run dev` starts both). */
const apiTarget = process.env.EPEOPLE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => {
  // dist is what production serves: never let an inherited NODE_ENV (vitest sets `test`,
  // `NODE_ENV=development npm start` sets `development`) turn it into React's development build.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
    server: {
      port: Number(process.env.VITE_PORT ?? 5173),
      proxy: {
        '/api': { target: apiTarget, changeOrigin: false },
        '/metrics': { target: apiTarget, changeOrigin: false },
      },
    },
  };
});
