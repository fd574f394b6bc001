using System.Xml.Linq;
using CrmAttention.SolutionBuilder.Schema;
using static CrmAttention.SolutionBuilder.Packaging.Xml;

namespace CrmAttention.SolutionBuilder.Packaging
{
    /// <summary>
    /// System charts (savedqueryvisualization): an aggregate FetchXML (count of rows grouped by one column, with
    /// an optional second group-by that becomes the series) and the chart control's presentation XML.
    /// </summary>
    internal static class ChartXml
    {
        private const string Palette = "91,151,213; 237,125,49; 160,116,166; 255,192,0; 68,114,196; 112,173,71; 37,94,145; 158,72,14; 117,55,125; 153,115,0; 38,68,120; 67,104,43";

        public static XElement Write(Table table, Chart chart)
        {
            var entity = E("entity", A("name", table.LogicalName));
            var groupBy = E("attribute", A("name", chart.GroupBy), A("groupby", "true"), A("alias", "groupby_column"));
            if (chart.DateGrouping != null) groupBy.Add(A("dategrouping", chart.DateGrouping));
            entity.Add(groupBy);
            if (chart.SeriesBy != null) entity.Add(E("attribute", A("name", chart.SeriesBy), A("groupby", "true"), A("alias", "series_column")));
            entity.Add(E("attribute", A("name", table.PrimaryIdAttribute), A("aggregate", "count"), A("alias", "aggregate_column")));
            if (chart.Filter != null) entity.Add(ViewXml.FilterXml(chart.Filter));
            return E("visualization",
                V("savedqueryvisualizationid", Ids.Braced(Ids.Chart(table.LogicalName, chart.Key))),
                E("datadescription", E("datadefinition",
                    E("fetchcollection", E("fetch", A("mapping", "logical"), A("aggregate", "true"), entity)),
                    E("categorycollection", E("category", A("alias", "groupby_column"),
                        E("measurecollection", E("measure", A("alias", "aggregate_column"))))))),
                E("presentationdescription", Presentation(chart)),
                V("isdefault", "0"),
                Labels("LocalizedNames", "LocalizedName", chart.Name),
                Labels("Descriptions", "Description", chart.Description),
                V("IsCustomizable", "1"),
                V("IntroducedVersion", "1.0.0.0"),
                V("CanBeDeleted", "1"));
        }

        private static XElement Presentation(Chart chart)
        {
            var series = chart.Type == ChartType.Pie
                ? E("Series", A("ChartType", "Pie"), A("IsValueShownAsLabel", "True"), A("Font", "{0}, 10.5px"), A("LabelForeColor", "59, 59, 59"),
                    A("CustomProperties", "PieLabelStyle=Inside, PieDrawingStyle=Default"))
                : E("Series", A("ChartType", chart.Type.ToString()), A("IsValueShownAsLabel", chart.SeriesBy == null ? "True" : "False"), A("Font", "{0}, 9.5px"),
                    A("LabelForeColor", "59, 59, 59"), A("CustomProperties", "PointWidth=0.75, MaxPixelPointWidth=40"));
            var axisStyle = new object[] { A("LabelAutoFitMinFontSize", "8"), A("TitleForeColor", "59, 59, 59"), A("TitleFont", "{0}, 10.5px"), A("LineColor", "165, 172, 181"), A("IntervalAutoMode", "VariableCount") };
            var chartElement = E("Chart", A("Palette", "None"), A("PaletteCustomColors", Palette),
                E("Series", series),
                E("ChartAreas", E("ChartArea", A("BorderColor", "White"), A("BorderDashStyle", "Solid"),
                    E("AxisY", axisStyle, E("MajorGrid", A("LineColor", "239, 242, 246")), E("MajorTickMark", A("LineColor", "165, 172, 181")),
                        E("LabelStyle", A("Font", "{0}, 10.5px"), A("ForeColor", "59, 59, 59"))),
                    E("AxisX", axisStyle, E("MajorTickMark", A("LineColor", "165, 172, 181")), E("MajorGrid", A("LineColor", "Transparent")),
                        E("LabelStyle", A("Font", "{0}, 10.5px"), A("ForeColor", "59, 59, 59"))))),
                E("Titles", E("Title", A("Alignment", "TopLeft"), A("DockingOffset", "-3"), A("Font", "{0}, 13px"), A("ForeColor", "59, 59, 59"))));
            if (chart.Type == ChartType.Pie || chart.SeriesBy != null)
            {
                chartElement.Add(E("Legends", E("Legend", A("Alignment", "Center"), A("LegendStyle", "Table"), A("Docking", "right"), A("IsEquallySpacedItems", "True"),
                    A("Font", "{0}, 11px"), A("ShadowColor", "0, 0, 0, 0"), A("ForeColor", "59, 59, 59"))));
            }
            return chartElement;
        }
    }
}
