import { useState } from "react";

/**
 * Which item a directory screen's form is open for (`null`: none). Opening one resets the given
 * mutations, so a new form starts without the error the previous one ended with.
 */
export function useEditing<E>(mutations: { reset: () => void }[]) {
  const [editing, setEditing] = useState<E | null>(null);
  return {
    editing,
    open: (e: E) => {
      for (const m of mutations) m.reset();
      setEditing(e);
    },
    close: () => setEditing(null),
  };
}
