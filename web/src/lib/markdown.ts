// Answers and draft answers are written in Markdown: the one place it becomes HTML a page may show.
// marked turns it into HTML and DOMPurify keeps only harmless markup, so what someone typed can never
// run a script, restyle the page, load an image or open a link in this tab's place.
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const marked = new Marked({
  gfm: true,
  // A line break is a line break: answers are typed in a textarea, not by Markdown purists.
  breaks: true,
  async: false,
  renderer: {
    // HTML typed into an answer is shown as the text it is, never parsed as markup: not even
    // DOMPurify's own parsing gets to see an <img onerror> someone wrote.
    html: ({ text, block }) => (block ? `<p>${escapeHtml(text)}</p>` : escapeHtml(text)),
  },
});

const ALLOWED_TAGS = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'a',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

// Links leave the product in a new tab and tell the other site nothing.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/** Sanitised HTML for a Markdown text; empty for an empty one. */
export function renderMarkdown(source: string): string {
  if (!source.trim()) return '';
  const html = marked.parse(source) as string;
  return DOMPurify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'start', 'align'],
    // http(s) and mail only: no javascript:, data: or other schemes.
    ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#)/i,
  });
}
