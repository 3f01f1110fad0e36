import { defineConfig } from "vite";

export default defineConfig({
  // Relative asset URLs: the built app works under any path.
  base: "./",
  build: {
    // The package's engine module awaits its WebAssembly at the top level (es2022).
    target: "es2022",
  },
});
