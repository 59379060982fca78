/** A small self-contained SVG line chart: created users per second, one line per run. */

export interface Series {
	label: string;
	/** Value per second, from second 0. */
	values: number[];
	color: string;
	dashed?: boolean;
}

export interface ChartOptions {
	title: string;
	subtitle: string;
	yLabel: string;
	xLabel: string;
	/** A horizontal reference line, such as the provider's limit. */
	reference?: { value: number; label: string };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function lineChart(series: Series[], options: ChartOptions): string {
	const width = 1000;
	const margin = { top: 64, right: 24, bottom: 64 + series.length * 16, left: 56 };
	const height = 320 + margin.bottom;
	const plotWidth = width - margin.left - margin.right;
	const plotHeight = height - margin.top - margin.bottom;
	const seconds = Math.max(1, ...series.map((s) => s.values.length));
	const top = Math.ceil(Math.max(options.reference?.value ?? 0, ...series.flatMap((s) => s.values)) / 5) * 5 + 5;
	const x = (second: number) => margin.left + (second / seconds) * plotWidth;
	const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
	const parts: string[] = [];

	parts.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="${margin.left}" y="24" font-size="16" font-weight="bold" fill="#222">${escape(options.title)}</text>`,
		`<text x="${margin.left}" y="44" fill="#555">${escape(options.subtitle)}</text>`,
	);
	// Grid and axes.
	for (let value = 0; value <= top; value += 5) {
		parts.push(
			`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e5e5"/>`,
			`<text x="${margin.left - 8}" y="${y(value) + 4}" text-anchor="end" fill="#555">${value}</text>`,
		);
	}
	const xStep = seconds > 60 ? 10 : 5;
	for (let second = 0; second <= seconds; second += xStep) {
		parts.push(`<text x="${x(second)}" y="${margin.top + plotHeight + 18}" text-anchor="middle" fill="#555">${second}</text>`);
	}
	parts.push(
		`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#999"/>`,
		`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#999"/>`,
		`<text x="${margin.left + plotWidth / 2}" y="${margin.top + plotHeight + 38}" text-anchor="middle" fill="#333">${escape(options.xLabel)}</text>`,
		`<text transform="translate(16 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" fill="#333">${escape(options.yLabel)}</text>`,
	);
	if (options.reference) {
		const ry = y(options.reference.value);
		parts.push(
			`<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${ry}" y2="${ry}" stroke="#c0392b" stroke-width="1" stroke-dasharray="2 3"/>`,
			`<text x="${margin.left + plotWidth - 4}" y="${ry - 6}" text-anchor="end" fill="#c0392b">${escape(options.reference.label)}</text>`,
		);
	}
	// One step line per series: the count of second n is drawn across [n, n+1).
	for (const s of series) {
		const points = s.values.flatMap((value, second) => [`${x(second).toFixed(1)},${y(value).toFixed(1)}`, `${x(second + 1).toFixed(1)},${y(value).toFixed(1)}`]);
		parts.push(
			`<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
		);
	}
	// Legend below the plot.
	series.forEach((s, index) => {
		const ly = margin.top + plotHeight + 58 + index * 16;
		parts.push(
			`<line x1="${margin.left}" x2="${margin.left + 28}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
			`<text x="${margin.left + 36}" y="${ly}" fill="#333">${escape(s.label)}</text>`,
		);
	});
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}
