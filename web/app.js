// Readout dashboard: reads the public JSON API under /v1 (same origin) and
// draws four views: a positions heatmap, a meetings timeline, an annotated
// article reader and a paste-and-extract box. No framework, no build step.

const STANCE_LABEL = { support: 'supports', oppose: 'opposes' };
const KIND_LABEL = {
  meeting: 'Meeting', talks: 'Talks', phone_call: 'Phone call', video_call: 'Video call',
  message: 'Message', visit: 'Visit', conference: 'Conference',
};
// Colours for speakers: light tints for the highlight, a strong tone for the edge (Okabe-Ito based).
const SPEAKER_COLOURS = 8;

// ---------------------------------------------------------------- helpers

/** Builds an element: h('a', {href: '#x', class: 'y'}, 'text', child, ...). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style') el.style.cssText = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

const $ = (selector) => document.querySelector(selector);

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Fetches JSON from the API; a problem+json answer becomes an ApiError carrying its `detail`. */
async function api(path, init = {}) {
  const response = await fetch(path, {
    ...init,
    headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && body.detail ? body.detail : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, detail);
  }
  return body;
}

/** Every item of a list, following `next_cursor` (bounded, for the small lookup lists). */
async function apiAll(path, maxPages = 20) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page++) {
    const sep = path.includes('?') ? '&' : '?';
    const body = await api(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    items.push(...body.items);
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  return items;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== '' && value !== null && value !== undefined) search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function formatDay(day) {
  if (!day) return 'undated';
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return date.toLocaleDateString('en-GB', {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC',
  });
}

function formatMonth(month) {
  if (month === 'unknown') return 'Date unknown';
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function showError(el, error) {
  el.textContent = error instanceof ApiError ? error.message : `Could not reach Readout: ${error.message}`;
  el.hidden = false;
}

// ---------------------------------------------------------------- lookups

const lookups = { countries: new Map(), topics: new Map() };

async function loadLookups() {
  const [countries, topics] = await Promise.all([
    apiAll('/v1/countries?limit=500'),
    apiAll('/v1/topics?limit=500'),
  ]);
  for (const c of countries) lookups.countries.set(c.code, c.name);
  for (const t of topics) lookups.topics.set(t.slug, t.label);
}

const countryName = (code) => (code ? lookups.countries.get(code) || code : '');
const topicLabel = (slug) => lookups.topics.get(slug) || slug.replaceAll('_', ' ');

function officialLabel(ref) {
  return ref.country ? `${ref.name} (${countryName(ref.country)})` : ref.name;
}

function stanceBadge(stance) {
  return h('span', { class: `badge stance-${stance}` }, STANCE_LABEL[stance] || stance);
}

function kindBadge(kind) {
  return h('span', { class: `badge kind kind-${kind}` }, KIND_LABEL[kind] || kind);
}

// ---------------------------------------------------------------- heatmap

const STANCE_RGB = { support: [33, 102, 172], oppose: [214, 96, 25], mixed: [118, 92, 163] };

function cellColour(stat, max) {
  const base = stat.oppose === 0 ? STANCE_RGB.support : stat.support === 0 ? STANCE_RGB.oppose : STANCE_RGB.mixed;
  // Intensity grows with the count (log scale), from a light tint to the full colour.
  const strength = 0.25 + 0.75 * (Math.log1p(stat.total) / Math.log1p(Math.max(max, 1)));
  const rgb = base.map((c) => Math.round(255 + (c - 255) * strength));
  const luminance = (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255;
  return { background: `rgb(${rgb.join(',')})`, text: luminance < 0.55 ? '#fff' : '#1a1a1a' };
}

async function loadHeatmap() {
  const table = $('#heatmap');
  const stats = await apiAll('/v1/stats/positions?group_by=actor,topic');
  table.replaceChildren();
  $('#heatmap-empty').hidden = stats.length > 0;
  if (stats.length === 0) return;

  const sum = (key) => {
    const totals = new Map();
    for (const s of stats) totals.set(s[key], (totals.get(s[key]) || 0) + s.total);
    return [...totals.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
  };
  const actors = sum('actor').map(([a]) => a);
  const topics = sum('topic').map(([t]) => t);
  const byKey = new Map(stats.map((s) => [`${s.actor}|${s.topic}`, s]));
  const max = Math.max(...stats.map((s) => s.total));

  table.append(
    h('caption', { class: 'visually-hidden' }, 'Positions by state (rows) and topic (columns)'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col', class: 'corner' }, 'State'),
      topics.map((t) => h('th', { scope: 'col', class: 'topic-head', title: topicLabel(t) }, h('span', {}, topicLabel(t)))))),
    h('tbody', {}, actors.map((actor) => h('tr', {},
      h('th', { scope: 'row', class: 'actor-head' },
        h('a', { href: `#countries/${actor}`, title: `${countryName(actor)}: stance over time, meetings, evidence` }, countryName(actor)),
        h('span', { class: 'code' }, actor)),
      topics.map((topic) => {
        const stat = byKey.get(`${actor}|${topic}`);
        if (!stat) return h('td', { class: 'blank' });
        const colour = cellColour(stat, max);
        const label = `${countryName(actor)} on ${topicLabel(topic)}: ${stat.support} support, ${stat.oppose} oppose`;
        return h('td', {},
          h('button', {
            class: 'cell',
            type: 'button',
            title: label,
            'aria-label': label,
            'aria-pressed': 'false',
            dataset: { actor, topic },
            style: `background:${colour.background};color:${colour.text}`,
            onclick: (event) => selectCell(event.currentTarget, actor, topic, stat),
          },
          h('span', { class: 'count' }, stat.total),
          stat.support && stat.oppose ? h('span', { class: 'split' }, `${stat.support}–${stat.oppose}`) : null));
      })))),
  );
}

async function selectCell(button, actor, topic, stat) {
  for (const b of document.querySelectorAll('#heatmap .cell[aria-pressed="true"]')) b.setAttribute('aria-pressed', 'false');
  button.setAttribute('aria-pressed', 'true');
  const panel = $('#evidence');
  panel.replaceChildren(h('p', { class: 'loading' }, 'Loading evidence…'));
  try {
    const positions = await apiAll(`/v1/positions${query({ actor, topic, limit: 100 })}`, 5);
    panel.replaceChildren(
      h('h3', {}, `${countryName(actor)} on ${topicLabel(topic)}`),
      h('p', { class: 'summary' },
        h('span', { class: 'badge stance-support' }, `${stat.support} support`), ' ',
        h('span', { class: 'badge stance-oppose' }, `${stat.oppose} oppose`)),
      h('ol', { class: 'evidence-list' }, positions.map((p) => h('li', { class: 'evidence-item' },
        h('div', { class: 'meta' },
          stanceBadge(p.stance), ' ',
          h('time', { datetime: p.stated_on }, formatDay(p.stated_on)),
          p.speaker ? [' · ', h('strong', {}, p.speaker.name)] : ' · the state'),
        p.evidence.map((e) => h('blockquote', { class: 'evidence-text', dataset: { statementId: e.statement_id } }, e.text)),
        h('a', { class: 'source', href: `#articles/${p.article.id}` },
          p.article.headline, p.article.source ? ` — ${p.article.source}` : '')))),
    );
  } catch (error) {
    panel.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
  }
}

// ---------------------------------------------------------------- meetings

const meetingsState = { cursor: null };

async function initMeetings() {
  const form = $('#meeting-filters');
  const [countries, officials] = await Promise.all([
    apiAll('/v1/stats/meetings?group_by=country'),
    apiAll('/v1/officials?limit=500', 4),
  ]);
  const countrySelect = form.elements.country;
  for (const c of countries.filter((c) => c.country).sort((a, b) => countryName(a.country).localeCompare(countryName(b.country)))) {
    countrySelect.append(h('option', { value: c.country }, `${countryName(c.country)} (${c.meetings})`));
  }
  const officialSelect = form.elements.official;
  for (const o of officials) officialSelect.append(h('option', { value: o.id }, officialLabel(o)));
  form.addEventListener('change', () => loadMeetings(false));
  form.addEventListener('reset', () => setTimeout(() => loadMeetings(false)));
  $('#meetings-more').addEventListener('click', () => loadMeetings(true));
  await loadMeetings(false);
}

async function loadMeetings(more) {
  const form = $('#meeting-filters');
  const list = $('#timeline');
  const error = $('#meetings-error');
  error.hidden = true;
  const params = {
    country: form.elements.country.value,
    official: form.elements.official.value,
    kind: form.elements.kind.value,
    limit: 50,
    cursor: more ? meetingsState.cursor : null,
  };
  let page;
  try {
    page = await api(`/v1/meetings${query(params)}`);
  } catch (e) {
    showError(error, e);
    return;
  }
  if (!more) list.replaceChildren();
  meetingsState.cursor = page.next_cursor;
  $('#meetings-more').hidden = !page.next_cursor;
  $('#timeline-empty').hidden = !(list.children.length === 0 && page.items.length === 0);

  let month = list.dataset.lastMonth && more ? list.dataset.lastMonth : null;
  for (const m of page.items) {
    // A meeting no source dates is listed apart, not under the day it was ingested.
    const thisMonth = m.day_unknown ? 'unknown' : m.day.slice(0, 7);
    if (thisMonth !== month) {
      month = thisMonth;
      list.append(h('li', { class: 'month' }, h('h3', {}, formatMonth(month))));
    }
    list.append(meetingItem(m));
  }
  list.dataset.lastMonth = month || '';
}

function meetingItem(m) {
  const sources = h('div', { class: 'sources', hidden: true });
  const place = m.location
    ? `${m.location}${m.location_country ? `, ${countryName(m.location_country)}` : ''}`
    : null;
  const toggle = h('button', {
    type: 'button',
    class: 'link',
    'aria-expanded': 'false',
    onclick: async () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      sources.hidden = open;
      if (!open && !sources.childElementCount) {
        try {
          const [detail, comparison] = await Promise.all([
            api(`/v1/meetings/${m.id}`),
            m.source_count > 1 ? api(`/v1/meetings/${m.id}/comparison`) : null,
          ]);
          sources.append(h('ul', {}, detail.sources.map((s) => h('li', {},
            h('a', { href: `#articles/${s.article.id}` }, s.article.headline),
            s.article.source ? ` — ${s.article.source}` : '',
            s.date ? ` (${formatDay(s.date)})` : '',
            s.side ? h('span', { class: 'side' }, `${countryName(s.side)} side`) : ''))));
          if (comparison) sources.append(comparisonTable(comparison));
        } catch (e) {
          sources.append(h('p', { class: 'alert', role: 'alert' }, e.message));
        }
      }
    },
  }, plural(m.source_count, 'source'));

  return h('li', { class: 'meeting', dataset: { meetingId: m.id } },
    m.day_unknown
      ? h('span', { class: 'when unknown', title: 'No source gives its day, nor a publication date' }, 'date unknown')
      : h('time', { class: 'when', datetime: m.day }, formatDay(m.day), m.date ? null : h('span', { class: 'approx', title: 'Day of the first report; the text gives no date' }, '(reported)')),
    h('div', { class: 'what' },
      h('div', { class: 'line' }, kindBadge(m.kind), ' ',
        h('span', { class: 'participants' }, m.participants.map((p, i) => [i ? ', ' : '', h('strong', {}, p.name), p.country ? h('span', { class: 'muted' }, ` (${countryName(p.country)})`) : '']))),
      h('div', { class: 'line muted' },
        place ? [h('span', { class: 'place' }, place), ' · '] : '',
        toggle),
      sources));
}

/** Names the sources of one side, each linked to its article. */
function sourceLinks(positions) {
  const seen = new Set();
  return positions.filter((p) => !seen.has(p.article.id) && seen.add(p.article.id)).map((p, i) => [i ? ', ' : '',
    h('a', { href: `#articles/${p.article.id}`, title: p.evidence.map((e) => e.text).join(' … ') }, publisherName(p.article)),
    p.grade ? h('span', { class: 'wording', title: `Grade ${p.grade.rank}: ${p.grade.slug.replaceAll('_', ' ')}` }, ` “${p.grade.wording}”`) : '']);
}

/** What a source is called: its outlet, else its site's host, else its id. */
function publisherName(article) {
  if (article.source) return article.source;
  try {
    return new URL(article.url).hostname.replace(/^www\./, '');
  } catch {
    return `Article ${article.id}`;
  }
}

/**
 * A meeting's readouts compared by side: one row per party, topic and stance, a column per kind
 * of source, and the differences marked (a stance only the other side's readout claims for a
 * party, or only the party's own readout states).
 */
function comparisonTable(c) {
  const rows = c.parties.flatMap((party) => party.topics.map((t) => {
    const note = t.claimed_only_by_other_side ? 'Only the other side’s readout says so'
      : t.stated_only_by_own_side ? 'Only its own readout says so' : '';
    const cell = (positions) => h('td', {}, positions.length ? sourceLinks(positions) : h('span', { class: 'muted' }, '—'));
    return h('tr', { class: note ? 'differs' : null, dataset: { party: party.country, topic: t.topic } },
      h('th', { scope: 'row' }, countryName(party.country)),
      h('td', {}, `${STANCE_LABEL[t.stance]} ${topicLabel(t.topic)}`),
      cell(t.own_side), cell(t.other_side), cell([...t.third_states, ...t.unsided]),
      h('td', { class: 'note' }, note));
  }));
  if (!rows.length) return h('p', { class: 'muted' }, 'No source attributes a position to a party of this meeting.');
  return h('div', { class: 'comparison' },
    h('h4', {}, 'Readouts compared'),
    h('table', { class: 'compare' },
      h('thead', {}, h('tr', {}, ['Party', 'Stance', 'Its own readout', 'The other side’s', 'Others', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
}

// ---------------------------------------------------------------- articles

const articlesState = { cursor: null, loaded: false };

async function loadArticleList(more) {
  const list = $('#article-list');
  const page = await api(`/v1/articles${query({ limit: 50, cursor: more ? articlesState.cursor : null })}`);
  if (!more) list.replaceChildren();
  articlesState.cursor = page.next_cursor;
  articlesState.loaded = true;
  $('#articles-more').hidden = !page.next_cursor;
  $('#articles-empty').hidden = list.children.length + page.items.length > 0;
  for (const a of page.items) {
    const date = a.published_at || (a.dateline && a.dateline.date) || a.ingested_at;
    list.append(h('li', {},
      h('a', { href: `#articles/${a.id}`, class: 'article-link', dataset: { articleId: a.id } },
        h('span', { class: 'title' }, a.headline),
        h('span', { class: 'meta' }, [a.source, formatDay(date)].filter(Boolean).join(' · ')),
        h('span', { class: 'meta' }, `${plural(a.counts.statements, 'statement')} · ${plural(a.counts.positions, 'position')}`))));
  }
  markCurrentArticle();
}

let currentArticle = null;

function markCurrentArticle() {
  for (const a of document.querySelectorAll('#article-list .article-link')) {
    if (Number(a.dataset.articleId) === currentArticle) a.setAttribute('aria-current', 'true');
    else a.removeAttribute('aria-current');
  }
}

async function showArticle(id) {
  currentArticle = id;
  markCurrentArticle();
  const view = $('#article-view');
  view.replaceChildren(h('p', { class: 'loading' }, 'Loading article…'));
  try {
    const article = await api(`/v1/articles/${id}`);
    // Another article was picked while this one loaded: its answer may have
    // come first, and this stale one must not replace it.
    if (currentArticle !== id) return;
    const meta = [article.source, formatDay(article.published_at || (article.dateline && article.dateline.date))]
      .filter(Boolean).join(' · ');
    renderAnnotated(view, article.text, article.extraction, article.headline, meta);
  } catch (error) {
    if (currentArticle === id) view.replaceChildren(h('p', { class: 'alert', role: 'alert' }, error.message));
  }
}

// ---------------------------------------------------------------- annotated text

function speakerKey(s) {
  if (s.kind === 'official') return `official:${s.id ?? s.name}`;
  if (s.kind === 'state') return `state:${s.country}`;
  return `joint:${(s.countries || []).join(',')}`;
}

function speakerLabel(s) {
  if (s.kind === 'official') return s.country ? `${s.name} (${countryName(s.country)})` : s.name;
  if (s.kind === 'state') return countryName(s.country);
  return `Jointly: ${(s.countries || []).map(countryName).join(', ')}`;
}

/**
 * Splits `text` at every offset of the given spans and returns a fragment in
 * which statements are <mark>s coloured by speaker and topic phrases,
 * official mentions and the dateline are spans inside them. Offsets count
 * Unicode code points, so the text is cut as an array of code points, not as
 * UTF-16 units.
 */
function annotateText(text, extraction, speakers, topicsByStatement) {
  const cps = Array.from(text);
  const n = cps.length;
  const clamp = (x) => Math.max(0, Math.min(n, x));
  const statements = [...extraction.statements].sort((a, b) => a.start - b.start);
  const phrases = [];
  for (const p of extraction.positions) {
    for (const e of p.evidence) phrases.push({ start: e.start, end: e.end, topic: p.topic, stance: p.stance, position: p.id });
  }
  const mentions = [];
  for (const o of extraction.officials) {
    for (const m of o.mentions) if (m.kind !== 'pronoun') mentions.push({ start: m.start, end: m.end, official: o });
  }
  const dateline = extraction.dateline;

  const bounds = new Set([0, n]);
  for (const span of [...statements, ...phrases, ...mentions, ...(dateline ? [dateline] : [])]) {
    bounds.add(clamp(span.start));
    bounds.add(clamp(span.end));
  }
  const cuts = [...bounds].sort((a, b) => a - b);
  const covering = (spans, a, b) => spans.find((s) => s.start <= a && s.end >= b && s.start < s.end);

  const root = document.createDocumentFragment();
  let mark = null;
  let markStatement = null;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    if (a >= b) continue;
    let node = document.createTextNode(cps.slice(a, b).join(''));
    const mention = covering(mentions, a, b);
    if (mention) node = h('span', { class: 'mention', title: officialLabel(mention.official) }, node);
    const phrase = covering(phrases, a, b);
    if (phrase) {
      node = h('span', {
        class: `topic stance-${phrase.stance}`,
        title: `${topicLabel(phrase.topic)} (${phrase.stance})`,
        dataset: { topic: phrase.topic, position: phrase.position },
      }, node);
    }
    if (dateline && covering([dateline], a, b)) node = h('span', { class: 'dateline' }, node);

    const statement = covering(statements, a, b);
    if (statement !== markStatement) {
      markStatement = statement || null;
      if (statement) {
        const speaker = speakers.get(speakerKey(statement.speaker));
        const topics = topicsByStatement.get(statement.id) || [];
        const topicText = topics.length ? ` — ${topics.map((t) => `${topicLabel(t.topic)} (${t.stance})`).join(', ')}` : '';
        mark = h('mark', {
          class: `stmt sp-${speaker.colour}`,
          title: `${speaker.label}, ${statement.mode}${topicText}`,
          dataset: { statementId: statement.id, speaker: speaker.label, topics: topics.map((t) => t.topic).join(' ') },
        });
        root.append(mark);
      } else {
        mark = null;
      }
    }
    (mark || root).append(node);
  }
  return root;
}

function renderAnnotated(container, text, extraction, title, meta) {
  const speakers = new Map();
  for (const s of extraction.statements) {
    const key = speakerKey(s.speaker);
    if (!speakers.has(key)) {
      speakers.set(key, { label: speakerLabel(s.speaker), colour: speakers.size % SPEAKER_COLOURS, count: 0 });
    }
    speakers.get(key).count++;
  }
  const topicsByStatement = new Map();
  for (const p of extraction.positions) {
    for (const e of p.evidence) {
      const list = topicsByStatement.get(e.statement_id) || [];
      if (!list.some((t) => t.topic === p.topic && t.stance === p.stance)) list.push({ topic: p.topic, stance: p.stance });
      topicsByStatement.set(e.statement_id, list);
    }
  }

  const body = h('div', { class: 'article-text', lang: 'en' }, annotateText(text, extraction, speakers, topicsByStatement));

  const legend = h('div', { class: 'speaker-legend', 'aria-label': 'Speakers' },
    speakers.size === 0
      ? h('span', { class: 'muted' }, 'No attributed statements.')
      : [...speakers.values()].map((s) => h('span', { class: `speaker sp-${s.colour}` }, s.label, h('span', { class: 'muted' }, ` · ${s.count}`))),
    h('span', { class: 'legend-topic' }, h('span', { class: 'topic stance-support' }, 'topic phrase')));

  const focusPosition = (id) => {
    const target = body.querySelector(`.topic[data-position="${id}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.classList.remove('flash');
    void target.offsetWidth; // restart the animation
    target.classList.add('flash');
  };

  const side = h('aside', { class: 'panel extraction' },
    h('section', {}, h('h3', {}, `Officials (${extraction.officials.length})`),
      extraction.officials.length
        ? h('ul', { class: 'officials' }, extraction.officials.map((o) => h('li', { class: 'official' },
          h('strong', {}, o.name), o.country || o.org ? h('span', { class: 'muted' }, ` · ${o.country ? countryName(o.country) : o.org}`) : '',
          o.titles.length ? h('div', { class: 'titles' }, o.titles.join(', ')) : null)))
        : h('p', { class: 'muted' }, 'None found.')),
    h('section', {}, h('h3', {}, `Meetings (${extraction.meetings.length})`),
      extraction.meetings.length
        ? h('ul', { class: 'meetings' }, extraction.meetings.map((m) => h('li', {},
          kindBadge(m.kind), ' ', h('span', { class: 'muted' }, [m.date ? formatDay(m.date) : 'undated', m.location].filter(Boolean).join(' · ')),
          h('div', {}, m.participants.map((p) => p.name).join(', ')))))
        : h('p', { class: 'muted' }, 'None found.')),
    h('section', {}, h('h3', {}, `Positions (${extraction.positions.length})`),
      extraction.positions.length
        ? h('ul', { class: 'positions' }, extraction.positions.map((p) => h('li', {},
          h('button', { type: 'button', class: 'link position', title: 'Show in the text', onclick: () => focusPosition(p.id) },
            h('strong', {}, countryName(p.actor)), ' ', stanceBadge(p.stance), ' ', topicLabel(p.topic)),
          p.speaker ? h('div', { class: 'muted' }, `stated by ${p.speaker.name}`) : null)))
        : h('p', { class: 'muted' }, 'None found.')));

  container.replaceChildren(
    h('div', { class: 'annotated' },
      h('article', { class: 'panel reader' },
        h('h2', {}, title),
        meta ? h('p', { class: 'muted' }, meta) : null,
        legend,
        body),
      side));
}

// ---------------------------------------------------------------- extract

function initExtract() {
  const form = $('#extract-form');
  const error = $('#extract-error');
  const result = $('#extract-result');
  const button = $('#extract-submit');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const text = form.elements.text.value;
    const published = form.elements.published_at.value;
    button.disabled = true;
    button.textContent = 'Extracting…';
    try {
      const extraction = await api('/v1/extract', {
        method: 'POST',
        body: JSON.stringify(published ? { text, published_at: published } : { text }),
      });
      const counts = `${plural(extraction.officials.length, 'official')} · ${plural(extraction.meetings.length, 'meeting')} · ${plural(extraction.statements.length, 'statement')} · ${plural(extraction.positions.length, 'position')}`;
      renderAnnotated(result, text, extraction, 'Extraction', counts);
    } catch (e) {
      result.replaceChildren();
      showError(error, e);
    } finally {
      button.disabled = false;
      button.textContent = 'Extract';
    }
  });
}

// ---------------------------------------------------------------- routing

// ---------------------------------------------------------------- country page

let currentCountry = null;

async function initCountries() {
  const select = $('#country-select');
  const states = await apiAll('/v1/stats/positions?group_by=actor');
  for (const s of states.filter((s) => lookups.countries.has(s.actor)).sort((a, b) => countryName(a.actor).localeCompare(countryName(b.actor)))) {
    select.append(h('option', { value: s.actor }, countryName(s.actor)));
  }
  select.addEventListener('change', () => { if (select.value) location.hash = `#countries/${select.value}`; });
}

/** A state's page: its stance per topic over time, whom it meets, its latest evidence. */
async function showCountry(code) {
  currentCountry = code;
  $('#country-select').value = code;
  $('#country-title').textContent = countryName(code);
  const page = $('#country-page');
  const error = $('#country-error');
  error.hidden = true;
  page.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  let stands, positions, meetings, topics;
  try {
    [stands, positions, meetings, topics] = await Promise.all([
      apiAll(`/v1/countries/${code}/positions?limit=500`),
      apiAll(`/v1/positions${query({ actor: code, limit: 500 })}`, 10),
      apiAll(`/v1/meetings${query({ country: code, limit: 500 })}`, 10),
      apiAll('/v1/topics?limit=500'),
    ]);
  } catch (e) {
    showError(error, e);
    page.replaceChildren();
    return;
  }
  if (code !== currentCountry) return; // another state was picked meanwhile
  const gradesOf = new Map(topics.map((t) => [t.slug, t.grades || []]));
  page.replaceChildren(
    h('h3', {}, 'Stance per topic over time'),
    stands.length ? stanceChart(stands, positions, gradesOf) : h('p', { class: 'empty' }, 'No positions yet.'),
    h('div', { class: 'country-columns' },
      h('div', {}, h('h3', {}, 'Latest evidence'), evidenceTable(stands)),
      h('div', {}, h('h3', {}, 'Meetings by counterpart'), counterpartTable(code, meetings))),
  );
}

/**
 * One row per topic: the state's positions as dots on a shared time axis, joined by a step line
 * whose level is the stance, and for a graded topic the step its wording reached (higher is stronger).
 */
function stanceChart(stands, positions, gradesOf) {
  const days = positions.map((p) => Date.parse(p.stated_on));
  const [first, last] = [Math.min(...days), Math.max(...days)];
  const span = Math.max(last - first, 86_400_000);
  const [width, height, pad] = [640, 46, 8];
  const x = (day) => pad + ((Date.parse(day) - first) / span) * (width - 2 * pad);
  const svg = (tag, attrs, ...children) => {
    const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.append(...children);
    return el;
  };
  const rows = stands.map((stand) => {
    const grades = gradesOf.get(stand.topic) || [];
    const levels = grades.length + 2; // oppose, ungraded support, then each grade
    const level = (p) => (p.stance === 'oppose' ? 0 : p.grade ? 1 + p.grade.rank : 1);
    const y = (l) => height - pad - (l / (levels - 1)) * (height - 2 * pad);
    const mine = positions.filter((p) => p.topic === stand.topic).sort((a, b) => a.stated_on.localeCompare(b.stated_on) || a.id - b.id);
    let path = '';
    mine.forEach((p, i) => {
      path += i === 0 ? `M${x(p.stated_on)},${y(level(p))}` : `H${x(p.stated_on)}V${y(level(p))}`;
    });
    if (mine.length) path += `H${width - pad}`;
    const chart = svg('svg', { class: 'steps', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'xMinYMid meet', role: 'img', 'aria-label': `${topicLabel(stand.topic)} over time` },
      svg('line', { class: 'axis', x1: pad, x2: width - pad, y1: y(1), y2: y(1) }),
      svg('path', { class: 'step', d: path }),
      ...mine.map((p) => svg('circle', { class: `dot ${p.stance}`, cx: x(p.stated_on), cy: y(level(p)), r: 4, 'data-position-id': p.id },
        svg('title', {}, `${formatDay(p.stated_on)}: ${STANCE_LABEL[p.stance]}${p.grade ? ` — ${p.grade.slug.replaceAll('_', ' ')} (“${p.grade.wording}”)` : ''}`))));
    const latest = stand.latest_grade ? `latest: ${stand.latest_grade.slug.replaceAll('_', ' ')}` : STANCE_LABEL[stand.current_stance];
    const strongest = stand.strongest_grade ? `; strongest: ${stand.strongest_grade.slug.replaceAll('_', ' ')} (first ${formatDay(stand.strongest_grade.stated_on)})` : '';
    return h('li', { class: 'stance-row', dataset: { topic: stand.topic } },
      h('div', { class: 'stance-topic' }, h('strong', {}, topicLabel(stand.topic)), h('div', { class: 'muted' }, latest + strongest)),
      chart);
  });
  return h('div', { class: 'stance-chart' },
    h('ol', { class: 'stance-rows' }, rows),
    h('p', { class: 'axis-note muted' }, `${formatDay(new Date(first).toISOString())} — ${formatDay(new Date(last).toISOString())}. `
      + 'Higher is stronger: opposition at the bottom, then support, then each step of a graded topic.'));
}

function evidenceTable(stands) {
  return h('table', { class: 'country-evidence' },
    h('thead', {}, h('tr', {}, ['Topic', 'Stance', 'Latest evidence'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, stands.map((s) => h('tr', {},
      h('td', {}, topicLabel(s.topic)),
      h('td', {}, stanceBadge(s.current_stance), h('div', { class: 'muted' }, `${s.support} / ${s.oppose}`)),
      h('td', {}, h('blockquote', {}, s.latest_evidence.text),
        h('a', { href: `#articles/${s.latest_evidence.article_id}` }, formatDay(s.last_stated)))))));
}

function counterpartTable(code, meetings) {
  const byState = new Map();
  for (const m of meetings) {
    for (const other of m.countries.filter((c) => c !== code)) {
      const row = byState.get(other) || { meetings: 0, last: null };
      row.meetings += 1;
      if (!m.day_unknown && (!row.last || m.day > row.last)) row.last = m.day;
      byState.set(other, row);
    }
  }
  const rows = [...byState].sort((a, b) => b[1].meetings - a[1].meetings || countryName(a[0]).localeCompare(countryName(b[0])));
  if (!rows.length) return h('p', { class: 'empty' }, 'No meetings yet.');
  return h('table', { class: 'counterparts' },
    h('thead', {}, h('tr', {}, ['Counterpart', 'Meetings', 'Latest'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map(([other, row]) => h('tr', { dataset: { country: other } },
      h('td', {}, h('a', { href: `#countries/${other}` }, countryName(other))),
      h('td', { class: 'num' }, row.meetings),
      h('td', {}, row.last ? formatDay(row.last) : 'date unknown')))));
}

// ---------------------------------------------------------------- live feed

/** The open event stream, and how many events the panel keeps. */
const live = { source: null };
const LIVE_KEPT = 200;
const EVENT_KINDS = ['article', 'meeting', 'position', 'position_change'];
const CHANGE_LABEL = {
  first_stated: 'states for the first time', reversal: 'reverses to', grade_raised: 'steps up', grade_lowered: 'steps down',
};

function initLive() {
  const form = $('#live-filters');
  const byName = (map) => [...map].sort((a, b) => a[1].localeCompare(b[1]));
  for (const [code, name] of byName(lookups.countries)) form.elements.country.append(h('option', { value: code }, name));
  for (const [slug, label] of byName(lookups.topics)) form.elements.topic.append(h('option', { value: slug }, label));
  form.addEventListener('change', () => connectLive());
  connectLive();
}

/** (Re)opens the stream with the form's filters; the browser reconnects by itself, resuming after the last event. */
function connectLive() {
  live.source?.close();
  const form = $('#live-filters');
  const kinds = [...form.querySelectorAll('input[name=kind]:checked')].map((i) => i.value);
  const params = { kind: kinds.join(','), country: form.elements.country.value, topic: form.elements.topic.value };
  const source = new EventSource(`/v1/events${query(params)}`);
  live.source = source;
  setLiveStatus('connecting', 'connecting…');
  source.onopen = () => setLiveStatus('live', 'live');
  source.onerror = () => setLiveStatus('reconnecting', source.readyState === EventSource.CLOSED ? 'disconnected' : 'reconnecting…');
  for (const kind of EVENT_KINDS) source.addEventListener(kind, (e) => showLiveEvent(JSON.parse(e.data)));
  source.addEventListener('gap', (e) => showLiveNote(JSON.parse(e.data).detail));
}

function setLiveStatus(state, text) {
  const status = $('#live-status');
  status.dataset.state = state;
  status.textContent = text;
}

function showLiveEvent(event) {
  const list = $('#live-events');
  const time = new Date(event.logged_at).toLocaleTimeString('en-GB');
  list.prepend(h('li', { class: `live-event kind-${event.kind}`, dataset: { eventId: event.id, kind: event.kind } },
    h('time', { datetime: event.logged_at }, time), ' ', h('span', { class: 'badge kind' }, event.kind.replace('_', ' ')), ' ',
    h('span', { class: 'what' }, ...liveSummary(event))));
  while (list.children.length > LIVE_KEPT) list.lastChild.remove();
  $('#live-empty').hidden = true;
}

function showLiveNote(text) {
  $('#live-events').prepend(h('li', { class: 'live-event note' }, text));
}

/** One line on what an event stored, linking to where it can be read. */
function liveSummary(event) {
  const article = h('a', { href: `#articles/${event.article_id}` }, `article ${event.article_id}`);
  if (event.article) {
    const a = event.article;
    return [h('a', { href: `#articles/${event.article_id}` }, a.title || `Article ${event.article_id}`),
      a.source ? ` — ${a.source}` : '', a.publisher_country ? ` (${countryName(a.publisher_country)} side)` : ''];
  }
  if (event.meeting) {
    const m = event.meeting;
    return [`${KIND_LABEL[m.kind] || m.kind}: `, h('strong', {}, m.participants.join(', ')),
      m.location ? ` in ${m.location}` : '', m.date ? `, ${formatDay(m.date)}` : '',
      m.first_report ? ' — first report' : ' — another source', ' (', article, ')'];
  }
  const p = event.position;
  const grade = p.grade ? ` (${p.grade.replaceAll('_', ' ')})` : '';
  const actor = h('strong', {}, countryName(p.actor) || p.actor);
  if (event.kind === 'position_change') {
    const before = p.previous_grade ? ` from ${p.previous_grade.replaceAll('_', ' ')}` : p.previous_stance ? ` from ${STANCE_LABEL[p.previous_stance]}` : '';
    return [actor, ` ${CHANGE_LABEL[p.change] || p.change} `, stanceBadge(p.stance), ` ${topicLabel(p.topic)}${grade}${before}`, ' (', article, ')'];
  }
  return [actor, ' ', stanceBadge(p.stance), ` ${topicLabel(p.topic)}${grade}`, ' (', article, ')'];
}

const VIEWS = ['positions', 'meetings', 'articles', 'countries', 'live', 'extract'];
const started = new Map();

/** Runs a view's loader once; a failure is shown and may be retried by revisiting the view. */
function startOnce(name, loader) {
  if (!started.has(name)) {
    started.set(name, loader().catch((error) => {
      started.delete(name);
      showError($('#load-error'), error);
    }));
  }
  return started.get(name);
}

async function route() {
  const [name, arg] = location.hash.replace(/^#/, '').split('/');
  const view = VIEWS.includes(name) ? name : 'positions';
  for (const v of VIEWS) {
    $(`#view-${v}`).hidden = v !== view;
    const tab = $(`#tab-${v}`);
    tab.setAttribute('aria-selected', String(v === view));
    if (v === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  $('#load-error').hidden = true;
  if (view === 'positions') await startOnce('positions', loadHeatmap);
  if (view === 'meetings') await startOnce('meetings', initMeetings);
  if (view === 'articles') {
    await startOnce('articles', async () => {
      $('#articles-more').addEventListener('click', () => loadArticleList(true).catch((e) => showError($('#load-error'), e)));
      await loadArticleList(false);
    });
    const id = Number(arg);
    if (Number.isInteger(id) && id > 0) {
      if (id !== currentArticle) await showArticle(id);
    } else if (currentArticle === null) {
      const first = document.querySelector('#article-list .article-link');
      if (first) location.replace(`#articles/${first.dataset.articleId}`);
    }
  }
  if (view === 'countries') {
    await startOnce('countries', initCountries);
    if (arg && arg.toUpperCase() !== currentCountry) await showCountry(arg.toUpperCase());
  }
  if (view === 'live') await startOnce('live', async () => initLive());
  if (view === 'extract') $('#extract-text').focus();
  document.body.dataset.view = view;
}

async function main() {
  initExtract();
  try {
    await loadLookups();
  } catch (error) {
    showError($('#load-error'), error);
  }
  window.addEventListener('hashchange', () => route());
  await route();
  document.body.dataset.ready = 'true';
}

main();
