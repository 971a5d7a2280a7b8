// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { loaderSource } from '../scripts/loader.mjs';

function run(source: string, current: HTMLScriptElement | null) {
  Object.defineProperty(document, 'currentScript', { value: current, configurable: true });
  // the test runs the generated text the way a browser would; the shipped code itself never evaluates strings
  new Function(source)();
}

describe('widget.js loader', () => {
  afterEach(() => {
    document.head.replaceChildren();
    document.body.replaceChildren();
    delete (window as { __switchboardWidgetLoader?: number }).__switchboardWidgetLoader;
  });

  it('adds the hashed bundle from its own origin with the same data attributes and nonce', () => {
    const tag = document.createElement('script');
    tag.src = 'https://support.example.com/widget.js';
    tag.setAttribute('data-position', 'left');
    tag.setAttribute('data-locale', 'fa');
    tag.setAttribute('nonce', 'n0nce');
    tag.nonce = 'n0nce';
    document.body.appendChild(tag);
    run(loaderSource('widget/widget.Ab12-_Cd.js'), tag);
    const added = document.head.querySelectorAll('script');
    expect(added).toHaveLength(1);
    const script = added[0];
    expect(script.src).toBe('https://support.example.com/widget/widget.Ab12-_Cd.js');
    expect(script.async).toBe(true);
    expect(script.getAttribute('data-position')).toBe('left');
    expect(script.getAttribute('data-locale')).toBe('fa');
    expect(script.getAttribute('data-gateway')).toBe('https://support.example.com');
    expect(script.nonce).toBe('n0nce');
    // a second copy of the snippet on the same page does nothing
    run(loaderSource('widget/widget.Ab12-_Cd.js'), tag);
    expect(document.head.querySelectorAll('script')).toHaveLength(1);
  });

  it('finds its tag without currentScript and keeps an explicit data-gateway', () => {
    const tag = document.createElement('script');
    tag.src = 'https://cdn.example.net/widget.js';
    tag.setAttribute('data-gateway', 'https://support.example.com');
    document.body.appendChild(tag);
    run(loaderSource('widget/widget.x1.js'), null);
    const script = document.head.querySelector('script') as HTMLScriptElement;
    expect(script.src).toBe('https://cdn.example.net/widget/widget.x1.js');
    expect(script.getAttribute('data-gateway')).toBe('https://support.example.com');
  });

  it('refuses a bundle name that is not a hashed widget file', () => {
    expect(() => loaderSource("widget/widget.js';alert(1);'.js")).toThrow();
  });
});
