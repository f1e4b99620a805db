package io.countywatch.aggregator.config;

/**
 * A country-sized sources file as admins write one: html sources of county sites with list selectors, tags and an
 * interval, about 370 bytes each, the size measured on real entries. For the scale test and {@code
 * SourcesFileBenchmark}.
 */
final class CountrySources {

    private CountrySources() {}

    static String yaml(int count) {
        StringBuilder yaml = new StringBuilder(count * 380).append("defaults:\n  timezone: Asia/Shanghai\nsources:\n");
        for (int i = 0; i < count; i++) {
            int province = i % 31;
            yaml.append("  - id: county-")
                    .append(i)
                    .append("-gzdt\n    name: 第")
                    .append(i)
                    .append("县人民政府 · 工作动态\n    url: http://www.county")
                    .append(i)
                    .append(".gov.cn/xwzx/gzdt/\n    type: html\n    tags: [province-")
                    .append(province)
                    .append(", city-")
                    .append(i % 333)
                    .append(", county-")
                    .append(i)
                    .append("]\n    interval: 30m\n    charset: auto\n    list:\n")
                    .append("      item: \"div.news-list ul > li\"\n      link: \"a[href]\"\n")
                    .append("      title: \"a\"\n      date: \"span.date\"\n")
                    .append("    exclude: [\"^测试\", \"标题和内容已经清空\"]\n");
        }
        return yaml.toString();
    }
}
