import { defineConfig } from "vite";

export default defineConfig({
  // Relative asset URLs: the built app works under any path (/, /tools/cluster/, …).
  base: "./",
  build: {
    // cluster-check's browser entry uses top-level await to load its WebAssembly before the
    // first call, so the target must allow it (es2022 or later). Vite 8's default target
    // already does; this line keeps the example right when copied into an older setup.
    target: "es2022",
  },
});
