import type { Config } from "tailwindcss";

// Loaded from app/globals.css with @config. Tailwind 4 finds sources itself; this file holds
// the theme choices so they live in one place.
const config: Config = {
  theme: {
    extend: {
      fontFamily: {
        sans: ["var(--font-geist-sans)", "ui-sans-serif", "system-ui", "sans-serif"],
        mono: ["var(--font-geist-mono)", "ui-monospace", "monospace"],
      },
    },
  },
};

export default config;
