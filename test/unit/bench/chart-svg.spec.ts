import { renderChartSvg, type ChartRequest } from '../../../bench/chart-svg';

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict little XML reader, enough for SVG: throws on a mismatched or unclosed tag, a duplicate
 * or unquoted attribute, a raw '<' or a bare '&' in text or attributes. No DOCTYPE, CDATA or PIs.
 */
function parseXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const checkText = (text: string): string => {
    if (text.includes('<')) throw new Error(`raw '<' in ${JSON.stringify(text)}`);
    const bad = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(text);
    if (bad) throw new Error(`bare '&' in ${JSON.stringify(text)}`);
    return text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
  };
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<', i);
    const text = source.slice(i, open === -1 ? source.length : open);
    const top = stack[stack.length - 1];
    if (text.trim() !== '') {
      if (top === root) throw new Error(`text outside the root element: ${JSON.stringify(text)}`);
      top.text += checkText(text);
    }
    if (open === -1) break;
    if (source.startsWith('<!--', open)) {
      const end = source.indexOf('-->', open);
      if (end === -1) throw new Error('unclosed comment');
      i = end + 3;
      continue;
    }
    const close = source.indexOf('>', open);
    if (close === -1) throw new Error('unclosed tag');
    const tag = source.slice(open + 1, close);
    i = close + 1;
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const current = stack.pop();
      if (current === undefined || current === root || current.name !== name) throw new Error(`</${name}> closes <${current?.name}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = /^([A-Za-z_][\w:.-]*)/.exec(body);
    if (nameMatch === null) throw new Error(`bad tag <${tag}>`);
    const element: XmlElement = { name: nameMatch[1], attrs: {}, children: [], text: '' };
    let rest = body.slice(nameMatch[1].length);
    while (rest.trim() !== '') {
      const attr = /^\s+([A-Za-z_][\w:.-]*)="([^"]*)"/.exec(rest);
      if (attr === null) throw new Error(`bad attributes in <${tag}>`);
      if (attr[1] in element.attrs) throw new Error(`duplicate attribute ${attr[1]} in <${tag}>`);
      element.attrs[attr[1]] = checkText(attr[2]);
      rest = rest.slice(attr[0].length);
    }
    if (top === root && root.children.length > 0) throw new Error('more than one root element');
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (root.children.length !== 1) throw new Error('no root element');
  return root.children[0];
}

function all(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((c) => [...(c.name === name ? [c] : []), ...all(c, name)]);
}

const request: ChartRequest = {
  title: 'GET <1 key> & "quotes"',
  xLabel: 'commands in flight (log scale)',
  yLabel: 'ops/s (log scale)',
  series: [
    { label: 'slotline', emphasis: true, points: [1, 16, 256].map((x, i) => ({ x, y: [9000, 92000, 380000][i] })) },
    { label: 'node-redis', emphasis: false, points: [1, 16, 256].map((x, i) => ({ x, y: [8800, 93000, 220000][i] })) },
    // A failed cell is left out: the line joins the points that exist.
    {
      label: 'ioredis <auto> & co',
      emphasis: false,
      points: [
        { x: 1, y: 7000 },
        { x: 256, y: 70000 },
      ],
    },
  ],
  references: [{ label: 'redis-benchmark -P 16 -c 50', y: 660000 }],
};

describe('renderChartSvg', () => {
  const svg = parseXml(renderChartSvg(request));
  const polylines = all(svg, 'polyline');

  it('is well-formed XML with an svg root in the SVG namespace', () => {
    expect(svg.name).toBe('svg');
    expect(svg.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(svg.attrs.viewBox).toMatch(/^0 0 \d+ \d+$/);
  });

  it('draws one polyline per client, through each measured point', () => {
    expect(polylines.map((p) => p.attrs['data-client']).sort()).toEqual(['ioredis <auto> & co', 'node-redis', 'slotline']);
    const points = (label: string): number[][] =>
      polylines
        .find((p) => p.attrs['data-client'] === label)!
        .attrs.points.split(' ')
        .map((xy) => xy.split(',').map(Number));
    expect(points('slotline')).toHaveLength(3);
    expect(points('ioredis <auto> & co')).toHaveLength(2);
    for (const label of ['slotline', 'node-redis']) {
      const pts = points(label);
      for (const [x, y] of pts) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
      // x grows with in-flight; y shrinks as ops/s grow (SVG's y axis points down).
      expect(pts[0][0]).toBeLessThan(pts[1][0]);
      expect(pts[0][1]).toBeGreaterThan(pts[2][1]);
    }
  });

  it('puts x on a log scale: 1 -> 16 spans as much as 16 -> 256', () => {
    const [a, b, c] = polylines
      .find((p) => p.attrs['data-client'] === 'slotline')!
      .attrs.points.split(' ')
      .map((xy) => Number(xy.split(',')[0]));
    expect(b - a).toBeCloseTo(c - b, 0);
  });

  it('has a legend naming every client and the reference line, and labelled axes', () => {
    const texts = all(svg, 'text').map((t) => t.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'slotline',
        'node-redis',
        'ioredis <auto> & co',
        'redis-benchmark -P 16 -c 50',
        'commands in flight (log scale)',
        'ops/s (log scale)',
        'GET <1 key> & "quotes"',
      ]),
    );
    // The in-flight levels label the x axis.
    expect(texts).toEqual(expect.arrayContaining(['1', '16', '256']));
  });

  it('renders an empty chart (every cell failed) without NaN', () => {
    const empty = renderChartSvg({ ...request, series: [{ label: 'x', emphasis: false, points: [] }], references: [] });
    expect(empty).not.toMatch(/NaN|Infinity/);
    expect(all(parseXml(empty), 'polyline')).toHaveLength(1);
  });

  it('the reader used here rejects what is not well-formed', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg><text>a & b</text></svg>')).toThrow();
    expect(() => parseXml('<svg a="1" a="2"/>')).toThrow();
  });
});
