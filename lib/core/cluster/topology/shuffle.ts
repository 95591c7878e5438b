/**
 * A uniformly shuffled copy of `items` (Fisher-Yates). `sort(() => Math.random() - 0.5)` is not
 * uniform: it favours the input order, so the same seed nodes would be asked first every time.
 */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = out[i];
    out[i] = out[j];
    out[j] = swap;
  }
  return out;
}
