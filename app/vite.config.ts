import adapter from '@sveltejs/adapter-node';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// During `vite dev` the page talks to the API through the same origin, as it does behind server.js.
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [sveltekit({ adapter: adapter({ out: 'build' }) })],
  server: {
    proxy: { '/graphql': { target: apiUrl, ws: true, changeOrigin: true } },
  },
});
