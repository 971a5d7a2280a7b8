/**
 * The source of /widget.js for a bundle named `file` (e.g. `widget/widget.Ab12Cd34.js`): a tiny ES5 script that
 * finds its own <script> element (document.currentScript, else the last script whose src contains "widget.js"),
 * takes the origin of its src, and adds `<script async src="<origin>/<file>">` with the same data-* attributes
 * (plus data-gateway = that origin unless set) and the same CSP nonce. It runs once per page.
 *
 * @param {string} file path of the bundle relative to the origin, without a leading slash
 * @returns {string}
 */
export function loaderSource(file) {
  if (!/^widget\/widget\.[A-Za-z0-9_-]+\.js$/.test(file)) throw new Error(`unexpected bundle name: ${file}`);
  return `/*! Switchboard chat widget loader: adds ${file} from this script's origin */
(function (d, w) {
  var s = d.currentScript, l, n, a, i, o;
  if (!s) { l = d.querySelectorAll('script[src*="widget.js"]'); s = l[l.length - 1]; }
  if (!s || w.__switchboardWidgetLoader) return;
  w.__switchboardWidgetLoader = 1;
  o = new URL(s.src, w.location.href).origin;
  n = d.createElement('script');
  a = s.attributes;
  for (i = 0; i < a.length; i++) if (a[i].name.indexOf('data-') === 0) n.setAttribute(a[i].name, a[i].value);
  if (!n.hasAttribute('data-gateway')) n.setAttribute('data-gateway', o);
  if (s.nonce) n.nonce = s.nonce;
  n.async = true;
  n.src = o + '/${file}';
  (d.head || d.documentElement).appendChild(n);
})(document, window);
`;
}
