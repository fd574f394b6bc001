using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace CrmAttention.Cli.Charts
{
    /// <summary>One named series of a chart.</summary>
    public sealed class Series
    {
        public Series(string label, IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<double>? errors = null, bool dashed = false, bool markersOnly = false)
        {
            Label = label;
            Xs = xs;
            Ys = ys;
            Errors = errors;
            Dashed = dashed;
            MarkersOnly = markersOnly;
        }

        public string Label { get; }

        public IReadOnlyList<double> Xs { get; }

        public IReadOnlyList<double> Ys { get; }

        /// <summary>Half-widths of error bars (95% intervals), or null.</summary>
        public IReadOnlyList<double>? Errors { get; }

        public bool Dashed { get; }

        public bool MarkersOnly { get; }

        /// <summary>Series with the same group share a colour (a measurement and its fitted curve).</summary>
        public int ColorGroup { get; set; } = -1;
    }

    /// <summary>PNG charts for the reports (ScottPlot 5), 900×500, one palette so the same series looks the same everywhere.</summary>
    public static class Chart
    {
        public const int Width = 900;
        public const int Height = 560;
        private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

        public static void Lines(string path, string title, string xLabel, string yLabel, IReadOnlyList<Series> series, IReadOnlyList<(double Position, string Label)>? xTicks = null, bool yFromZero = false)
        {
            var plot = new Plot();
            for (var i = 0; i < series.Count; i++)
            {
                var s = series[i];
                var color = Palette.GetColor(s.ColorGroup >= 0 ? s.ColorGroup : i);
                var xs = s.Xs.ToArray();
                var ys = s.Ys.ToArray();
                if (s.Errors is not null)
                {
                    var bars = plot.Add.ErrorBar(xs, ys, s.Errors.ToArray());
                    bars.Color = color;
                }
                var scatter = plot.Add.Scatter(xs, ys);
                scatter.Color = color;
                scatter.LegendText = s.Label;
                scatter.LineWidth = s.MarkersOnly ? 0 : 2;
                scatter.MarkerSize = s.MarkersOnly ? 7 : 0;
                if (s.Dashed) scatter.LinePattern = LinePattern.Dashed;
            }
            if (yFromZero)
            {
                // Rates cannot be negative; a symmetric interval drawn below zero would only distract.
                plot.Axes.AutoScale();
                plot.Axes.SetLimitsY(0, plot.Axes.GetLimits().Top);
            }
            Finish(plot, path, title, xLabel, yLabel, xTicks);
        }

        /// <summary>Stacked bars: one stack per position, one colour per layer.</summary>
        public static void StackedBars(string path, string title, string xLabel, string yLabel, IReadOnlyList<string> layers, IReadOnlyList<double[]> stacks,
            IReadOnlyList<(double Position, string Label)> xTicks, IReadOnlyList<int>? layerColors = null)
        {
            var plot = new Plot();
            var bars = new List<Bar>();
            for (var p = 0; p < stacks.Count; p++)
            {
                var bottom = 0.0;
                for (var l = 0; l < layers.Count; l++)
                {
                    var v = stacks[p][l];
                    if (v <= 0) continue;
                    bars.Add(new Bar { Position = xTicks[p].Position, ValueBase = bottom, Value = bottom + v, FillColor = Palette.GetColor(layerColors?[l] ?? l), Size = 0.8 });
                    bottom += v;
                }
            }
            plot.Add.Bars(bars.ToArray());
            for (var l = 0; l < layers.Count; l++)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = layers[l], FillColor = Palette.GetColor(layerColors?[l] ?? l) });
            }
            plot.Axes.Margins(bottom: 0);
            Finish(plot, path, title, xLabel, yLabel, xTicks);
        }

        private static void Finish(Plot plot, string path, string title, string xLabel, string yLabel, IReadOnlyList<(double Position, string Label)>? xTicks)
        {
            plot.Title(title);
            plot.XLabel(xLabel);
            plot.YLabel(yLabel);
            if (xTicks is not null && xTicks.Count > 0)
            {
                var step = Math.Max(1, (int)Math.Ceiling(xTicks.Count / 14.0));
                var shown = xTicks.Where((t, i) => i % step == 0).ToArray();
                plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(shown.Select(t => t.Position).ToArray(), shown.Select(t => t.Label).ToArray());
            }
            // Below the plot, so the legend never hides the last weeks of a series.
            plot.ShowLegend(Edge.Bottom);
            plot.SavePng(path, Width, Height);
        }
    }
}
