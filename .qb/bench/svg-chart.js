/** A small dependency-free SVG line chart: median latency (p50, solid; p99, dashed) against concurrency, per path. */
const COLORS = ['#6b7280', '#2563eb', '#16a34a', '#dc2626', '#9333ea'];
const esc = (s) => s.replace(/[<>&"]/gu, (c) => `&#${c.charCodeAt(0)};`);
export function latencyChartSvg(series, title = 'Reply latency against concurrent conversations') {
    const W = 720;
    const H = 420;
    const left = 64;
    const right = 150;
    const top = 40;
    const bottom = 50;
    const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
    const maxY = Math.max(1, ...series.flatMap((s) => s.points.flatMap((p) => [p.p50, p.p99])));
    const decade = 10 ** Math.floor(Math.log10(maxY));
    const niceMax = ([1, 2, 5, 10].find((m) => m * decade >= maxY) ?? 10) * decade;
    // x positions: evenly spaced categories (1, 8, 32 conversations).
    const xAt = (x) => left + ((W - left - right) * xs.indexOf(x)) / Math.max(1, xs.length - 1);
    const yAt = (y) => Math.round((H - bottom - ((H - top - bottom) * y) / niceMax) * 10) / 10;
    const out = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
        `<rect width="${W}" height="${H}" fill="#fff"/>`,
        `<text x="${left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    ];
    for (let i = 0; i <= 5; i++) {
        const v = (niceMax * i) / 5;
        const y = yAt(v);
        out.push(`<line x1="${left}" x2="${W - right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/>`);
        out.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end">${Math.round(v)}</text>`);
    }
    for (const x of xs) {
        out.push(`<text x="${xAt(x)}" y="${H - bottom + 18}" text-anchor="middle">${x}</text>`);
    }
    out.push(`<text x="${(left + W - right) / 2}" y="${H - 12}" text-anchor="middle">concurrent conversations</text>`, `<text x="16" y="${(top + H - bottom) / 2}" transform="rotate(-90 16 ${(top + H - bottom) / 2})" text-anchor="middle">latency, ms</text>`);
    series.forEach((s, i) => {
        const color = COLORS[i % COLORS.length] ?? '#000';
        const path = (key) => s.points.map((p) => `${xAt(p.x)},${yAt(p[key])}`).join(' ');
        out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${path('p50')}"/>`);
        out.push(`<polyline fill="none" stroke="${color}" stroke-width="1" stroke-dasharray="4 3" points="${path('p99')}"/>`);
        for (const p of s.points)
            out.push(`<circle cx="${xAt(p.x)}" cy="${yAt(p.p50)}" r="3" fill="${color}"/>`);
        const ly = top + 10 + i * 20;
        out.push(`<line x1="${W - right + 16}" x2="${W - right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
        out.push(`<text x="${W - right + 46}" y="${ly + 4}">${esc(s.name)}</text>`);
    });
    const ly = top + 10 + series.length * 20 + 10;
    out.push(`<text x="${W - right + 16}" y="${ly}" fill="#555">solid: p50</text>`, `<text x="${W - right + 16}" y="${ly + 16}" fill="#555">dashed: p99</text>`, '</svg>');
    return `${out.join('\n')}\n`;
}
//# sourceMappingURL=svg-chart.js.map