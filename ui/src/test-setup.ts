// What jsdom lacks and the window uses: ResizeObserver (bind:clientWidth), canvas contexts
// (jsdom has none, so the SVG drawing is what the tests see), matchMedia (the theme).
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoResize;
HTMLCanvasElement.prototype.getContext = (() => null) as any;
window.matchMedia ??= ((q: string) => ({ matches: false, media: q, addEventListener() {}, removeEventListener() {}, onchange: null })) as any;
