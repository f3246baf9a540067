import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}"],
  // Dark when the <html> element has .dark, or when the system prefers dark
  // and the person has not chosen .light. The choice lives in a cookie, so the
  // server renders the right class and nothing flashes.
  darkMode: [
    "variant",
    ["@media (prefers-color-scheme: dark) { &:not(.light, .light *) }", "&:is(.dark, .dark *)"],
  ],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#ecfdf5",
          100: "#d1fae5",
          500: "#10b981",
          600: "#059669",
          700: "#047857",
          900: "#064e3b",
        },
      },
    },
  },
  plugins: [],
} satisfies Config;
