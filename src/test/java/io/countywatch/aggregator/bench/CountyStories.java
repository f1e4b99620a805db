package io.countywatch.aggregator.bench;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Headlines and article text for the polling benchmark's sites: each (host, source, item) gets its own story,
 * put together from county-news phrases by a seeded random choice, so the same arguments always give the same
 * text and two items share phrases the way real county news does, not whole bodies. (The benchmark's other
 * workload, {@code -Dbench.articles=templated}, gives every item the same body but for its numbers: the
 * worst case for near-duplicate detection.)
 */
final class CountyStories {

    private static final List<String> TOWNS = List.of(
            "城关镇", "河口镇", "龙泉乡", "白沙镇", "石桥乡", "青山镇", "柳林乡", "东湖街道", "西岭镇", "南坪乡", "北港镇", "新华街道", "花园镇", "杨店乡", "桃源镇",
            "金山街道");
    private static final List<String> TOPICS = List.of(
            "秋冬季安全生产", "森林防火", "农村公路养护", "冬季征兵", "农田水利建设", "乡村振兴", "食品安全", "河长制巡河", "人居环境整治", "防汛抗旱", "义务教育招生", "医疗保障",
            "消防安全", "粮食收购", "特色产业发展", "招商引资", "文明创建", "统计法治宣传", "疫苗接种", "困难群众救助");
    private static final List<String> EVENTS =
            List.of("工作部署会", "专题培训会", "现场推进会", "督导检查", "动员大会", "座谈会", "集中宣传活动", "专项整治行动", "工作调度会", "应急演练");
    // A sentence is a subject, a deed and a closing phrase: 12 x 12 x 12 sentences, so two bodies share phrases
    // the way two real county stories do, not whole paragraphs.
    private static final List<String> SUBJECTS = List.of(
            "会议要求，各村（社区）",
            "镇党委书记强调，全镇上下",
            "检查组指出，相关单位",
            "县委常委、副县长要求，各部门",
            "据介绍，今年以来该镇",
            "工作人员表示，下一步将",
            "与会人员一致认为，各级干部",
            "镇长在总结讲话中指出，各站所",
            "据统计，截至目前全镇",
            "县直有关部门负责人表示，将",
            "驻村工作队",
            "各网格员");
    private static final List<String> DEEDS = List.of(
            "压实工作责任，建立问题台账",
            "深入田间地头和企业车间开展排查",
            "采取入户走访、集中宣讲等方式宣传政策",
            "累计投入资金一千二百余万元",
            "完成年度目标任务的百分之八十五",
            "组织开展应急演练三场次",
            "发放宣传资料三千余份",
            "逐项销号整改排查出的隐患",
            "加强协调配合形成工作合力",
            "严格落实值班值守和信息报送制度",
            "邀请业务骨干授课培训一百二十余人",
            "走访慰问困难群众六十余户");
    private static final List<String> CLOSINGS = List.of(
            "，确保各项任务按时保质完成。",
            "，切实把好事办好、实事办实。",
            "，做到不留死角、不留盲区。",
            "，群众获得感明显增强。",
            "，进度位居全县前列。",
            "，取得了良好效果。",
            "，为全年工作打下坚实基础。",
            "，受到群众广泛好评。",
            "，推动工作落地见效。",
            "，守牢安全底线。",
            "，营造了浓厚氛围。",
            "，形成了长效机制。");
    // 20 x 10 = 200 county names, one per benchmark host
    private static final String COUNTY_FIRST = "安云孝应汉大广崇通嘉罗黄红麻英浠蕲武团阳";
    private static final String COUNTY_SECOND = "陆梦昌城川冶水阳山鱼";

    private CountyStories() {}

    /** A headline no other (host, source, item) of the benchmark has: county by host, the rest by item. */
    static String headline(String host, int source, int item) {
        int n = source * 1000 + item;
        return county(host) + TOWNS.get(n % TOWNS.size()) + "召开" + TOPICS.get(n / TOWNS.size() % TOPICS.size())
                + EVENTS.get(n / TOWNS.size() / TOPICS.size() % EVENTS.size());
    }

    private static String county(String host) {
        int h = Integer.parseInt(host.substring(host.lastIndexOf('.') + 1)); // 127.0.0.2 to 127.0.0.201
        return "" + COUNTY_FIRST.charAt(h % 20) + COUNTY_SECOND.charAt(h / 20 % 10) + "县";
    }

    /** Six paragraphs of two to four sentences each, about 600 characters. */
    static String paragraphs(String host, int source, int item) {
        SplittableRandom random = random(host, source, item);
        StringBuilder body =
                new StringBuilder("<p>近日，").append(headline(host, source, item)).append("。");
        for (int p = 0; p < 6; p++) {
            if (p > 0) {
                body.append("<p>");
            }
            int sentences = 2 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                body.append(pick(random, SUBJECTS)).append(pick(random, DEEDS)).append(pick(random, CLOSINGS));
            }
            body.append("</p>");
        }
        return body.toString();
    }

    private static SplittableRandom random(String host, int source, int item) {
        return new SplittableRandom(((long) host.hashCode() << 32) ^ (source * 7919L) ^ item);
    }

    private static String pick(SplittableRandom random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
