// The keyboard shortcuts: one table, used by the key handler and the help overlay.
export const SHORTCUTS = [
  { keys: "Ctrl+Z", what: "Undo the last edit" },
  { keys: "Ctrl+Shift+Z", what: "Redo" },
  { keys: "Ctrl+N", what: "New map" },
  { keys: "Ctrl+O", what: "Open a map" },
  { keys: "Ctrl+Shift+S", what: "Save as" },
  { keys: "Ctrl+I", what: "Import people and ties" },
  { keys: "/", what: "Search" },
  { keys: "P", what: "Add a person" },
  { keys: "T", what: "Add a tie" },
  { keys: "F", what: "Fit the map in view" },
  { keys: "F5", what: "Present the saved views (arrows move, Escape leaves)" },
  { keys: "L", what: "Switch between network and list" },
  { keys: "Delete", what: "Delete the selected people or tie" },
  { keys: "Escape", what: "Clear the selection and highlight" },
  { keys: "?", what: "Show this help" },
];

export type Action =
  | "undo" | "redo" | "new" | "open" | "saveAs" | "import" | "search" | "addPerson" | "addTie"
  | "fit" | "toggleView" | "delete" | "escape" | "help" | "present";

/** The action a key press asks for, or null. Keys typed into a field only count with Ctrl. */
export function actionFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }, inField: boolean): Action | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  // In a text field, Ctrl+Z and Ctrl+Y are the field's own undo.
  if (inField && mod && (k === "z" || k === "y")) return null;
  if (mod && k === "z") return e.shiftKey ? "redo" : "undo";
  if (mod && k === "y") return "redo";
  if (mod && k === "n") return "new";
  if (mod && k === "o") return "open";
  if (mod && e.shiftKey && k === "s") return "saveAs";
  if (mod && k === "i") return "import";
  if (e.key === "Escape") return "escape";
  if (e.key === "F5" && !mod) return "present";
  if (inField || mod) return null;
  switch (e.key) {
    case "/": return "search";
    case "?": return "help";
    case "p": case "P": return "addPerson";
    case "t": case "T": return "addTie";
    case "f": case "F": return "fit";
    case "l": case "L": return "toggleView";
    case "Delete": return "delete";
  }
  return null;
}
