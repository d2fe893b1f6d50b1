import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { HourFigures } from '../../../../src/workflows/dashboard/contract';
import { chartSeries } from './figures';

/** Colours with different dashes as well, so two lines never differ by colour alone. */
const STYLES = [
  { stroke: '#58a6ff', dash: [] as number[] },
  { stroke: '#f0b429', dash: [12, 6] },
  { stroke: '#3fb950', dash: [4, 4] },
  { stroke: '#ff7b72', dash: [14, 4, 4, 4] },
];
const AXIS = { stroke: '#c3cad5', font: '18px system-ui, sans-serif', labelFont: '18px system-ui, sans-serif', grid: { stroke: '#2b3340', width: 1 }, ticks: { stroke: '#2b3340' } };
const HEIGHT = 200;

interface Props {
  hours: readonly HourFigures[];
  from: string;
  to: string;
  /** A series' name in the legend (an operator's name, a station id, "Others"). */
  label(key: string | null, others: boolean): string;
  yLabel: string;
}

/**
 * Scans per hour, one line per operator (this station) or per station (the floor), at most four,
 * drawn with uPlot: big axis text and a legend for a touch screen at arm's length. The chart is made
 * again when its series change and only fed new data otherwise, so a live refresh does not flicker.
 */
export function ScansChart({ hours, from, to, label, yLabel }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<{ chart: uPlot; names: string } | null>(null);
  const { x, series } = chartSeries(hours, from, to);
  const names = series.map((s) => label(s.key, s.others)).join('\n');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const data: uPlot.AlignedData = [x, ...series.map((s) => s.values)];
    if (plot.current && plot.current.names === names) {
      plot.current.chart.setData(data);
      return;
    }
    plot.current?.chart.destroy();
    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth), height: HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] } },
      axes: [{ ...AXIS, space: 90, values: (_u, ticks) => ticks.map((t) => new Date(t * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })) },
        { ...AXIS, label: yLabel, size: 70 }],
      series: [{}, ...series.map((s, i) => ({ label: label(s.key, s.others), stroke: STYLES[i % STYLES.length]!.stroke, dash: STYLES[i % STYLES.length]!.dash, width: 4,
        points: { size: 10, fill: STYLES[i % STYLES.length]!.stroke } }))],
      legend: { live: false },
    };
    plot.current = { chart: new uPlot(opts, data, el), names };
  });

  // follows the panel's width (a rotated screen, a resized window)
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => plot.current?.chart.setSize({ width: Math.max(320, el.clientWidth), height: HEIGHT }));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.current?.chart.destroy();
      plot.current = null;
    };
  }, []);

  return <div className="dash-chart" ref={box} data-testid="dashboard-chart" data-series={series.length} data-total={series.reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0)} />;
}
