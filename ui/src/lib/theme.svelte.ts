// The window's theme: the desktop's light or dark preference, followed as it changes, unless the
// user picks one (kept in this webview's storage). app.css reads `data-theme` on the root; the
// canvas asks `theme.dark`.
export type ThemeChoice = "system" | "light" | "dark";

const KEY = "advocate-theme";

function stored(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

class Theme {
  choice = $state<ThemeChoice>(stored());
  private systemDark = $state(false);
  dark = $derived(this.choice === "dark" || (this.choice === "system" && this.systemDark));

  constructor() {
    const query = typeof window !== "undefined" ? window.matchMedia?.("(prefers-color-scheme: dark)") : undefined;
    this.systemDark = query?.matches ?? false;
    query?.addEventListener?.("change", (e) => (this.systemDark = e.matches));
    this.apply();
  }

  set(choice: ThemeChoice) {
    this.choice = choice;
    try {
      if (choice === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch {
      // No storage: the choice lasts this session.
    }
    this.apply();
  }

  private apply() {
    if (typeof document === "undefined") return;
    if (this.choice === "system") delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = this.choice;
  }
}

export const theme = new Theme();
