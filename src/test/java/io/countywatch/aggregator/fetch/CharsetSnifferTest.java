package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CharsetSnifferTest {

    private static final String TITLE = "孝昌县人民政府 工作动态 2023年09月09日";

    // Long enough for the statistical detector to be sure; {text} in a document stands for it.
    private static final String TEXT = TITLE
            + " 县委书记主持召开县政府常务会议，研究部署安全生产、防汛抗旱和乡村振兴等重点工作。"
            + "会议要求各乡镇、各部门切实履职尽责，狠抓工作落实，"
            + "确保全县经济社会平稳健康发展。"
            + "会议还听取了关于城乡环境综合整治和民生实事项目推进情况的汇报。";

    private final CharsetSniffer sniffer = new CharsetSniffer();

    // bom is the hex written before the encoded document; "-" means none.
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                              | document                                                                              | encoding   | bom    | header                        | override  | charset     | evidence
            header GBK                          | <p>{text}</p>                                                                         | GBK        | -      | GBK                           | -         | GB18030     | header
            whole Content-Type gb2312           | <p>{text}</p>                                                                         | GBK        | -      | text/html; charset=gb2312     | -         | GB18030     | header
            header UTF-8                        | <p>{text}</p>                                                                         | UTF-8      | -      | UTF-8                         | -         | UTF-8       | header
            header utf8 alias                   | <p>{text}</p>                                                                         | UTF-8      | -      | utf8                          | -         | UTF-8       | header
            quoted header label                 | <p>{text}</p>                                                                         | GBK        | -      | text/html; charset="GBK"      | -         | GB18030     | header
            header ISO-8859-1 lies, meta gbk    | <html><head><meta charset="gbk"><title>{text}</title>                                 | GBK        | -      | ISO-8859-1                    | -         | GB18030     | meta
            header UTF-8 lies, http-equiv       | <meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>{text}</p>    | GBK        | -      | UTF-8                         | -         | GB18030     | meta
            header GBK lies, meta utf-8         | <meta charset="utf-8"><p>{text}</p>                                                   | UTF-8      | -      | GBK                           | -         | UTF-8       | meta
            header ISO-8859-1 lies, no meta     | <p>{text}</p>                                                                         | GBK        | -      | ISO-8859-1                    | -         | GB18030     | detector
            latin-1 page told the truth         | <p>Café crème, déjà vu à Genève</p>                                                  | ISO-8859-1 | -      | ISO-8859-1                    | -         | windows-1252 | header
            header UTF-8 lies, no meta          | <p>{text}</p>                                                                         | GBK        | -      | UTF-8                         | -         | GB18030     | detector
            meta lies utf-8                     | <meta charset="utf-8"><p>{text}</p>                                                   | GBK        | -      | -                             | -         | GB18030     | detector
            unknown header label skipped        | <meta charset='gbk'><p>{text}</p>                                                     | GBK        | -      | x-no-such-charset             | -         | GB18030     | meta
            meta only                           | <!DOCTYPE html><html><head><META CHARSET=GB2312><title>{text}</title>                 | GBK        | -      | -                             | -         | GB18030     | meta
            unknown meta label then a known one | <meta charset="x-bogus"><meta http-equiv=Content-Type content="text/html;charset=gbk"><p>{text}</p> | GBK | - | -                 | -         | GB18030     | meta
            meta big5                           | <meta charset="big5"><p>孝昌縣人民政府 工作動態</p>                                         | Big5       | -      | -                             | -         | Big5-HKSCS  | meta
            xml declaration gbk                 | <?xml version="1.0" encoding="gbk"?><rss><title>{text}</title></rss>                 | GBK        | -      | text/xml                      | -         | GB18030     | xml-declaration
            xml gb2312 with 镕 outside gb2312     | <?xml version="1.0" encoding="GB2312"?><rss><title>朱镕基 堃 {text}</title></rss>        | GB18030    | -      | -                             | -         | GB18030     | xml-declaration
            xml utf-16 label in ascii bytes     | <?xml version="1.0" encoding="UTF-16"?><rss><title>{text}</title></rss>              | UTF-8      | -      | -                             | -         | UTF-8       | xml-declaration
            utf-8 bom beats header              | <p>{text}</p>                                                                         | UTF-8      | EFBBBF | GBK                           | -         | UTF-8       | bom
            utf-16le bom                        | <p>{text}</p>                                                                         | UTF-16LE   | FFFE   | -                             | -         | UTF-16LE    | bom
            utf-16be bom                        | <p>{text}</p>                                                                         | UTF-16BE   | FEFF   | ISO-8859-1                    | -         | UTF-16BE    | bom
            no hints, GBK                       | <p>{text}</p>                                                                         | GBK        | -      | -                             | -         | GB18030     | detector
            no hints, GB18030                   | <p>{text}</p>                                                                         | GB18030    | -      | -                             | -         | GB18030     | detector
            no hints, UTF-8                     | <p>{text}</p>                                                                         | UTF-8      | -      | -                             | -         | UTF-8       | detector
            no hints, ascii                     | <p>County news</p>                                                                    | US-ASCII   | -      | -                             | -         | UTF-8       | default
            override beats header               | <p>{text}</p>                                                                         | GBK        | -      | UTF-8                         | gb2312    | GB18030     | override
            override beats bom                  | <p>{text}</p>                                                                         | UTF-8      | EFBBBF | -                             | UTF-8     | UTF-8       | override
            override auto sniffs                | <p>{text}</p>                                                                         | GBK        | -      | GBK                           | auto      | GB18030     | header
            unknown override sniffs             | <p>{text}</p>                                                                         | GBK        | -      | GBK                           | klingon   | GB18030     | header
            """)
    void decodesWithTheRightCharset(
            String name,
            String document,
            String encoding,
            String bom,
            String header,
            String override,
            String charset,
            String evidence) {
        String text = document.replace("{text}", TEXT);
        byte[] mark = bom == null ? new byte[0] : HexFormat.of().parseHex(bom);
        byte[] body = concat(mark, text.getBytes(Charset.forName(encoding)));

        Decoded decoded = sniffer.decode(body, header, override);

        assertThat(decoded.evidence()).isEqualTo(evidence);
        assertThat(decoded.charset()).isEqualTo(Charset.forName(charset));
        assertThat(decoded.text()).isEqualTo(text);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            gb2312            | GB18030
            GB2312            | GB18030
            gbk               | GB18030
            x-gbk             | GB18030
            CP936             | GB18030
            EUC-CN            | GB18030
            gb18030           | GB18030
            ' "gbk" '         | GB18030
            utf8              | UTF-8
            UTF-8             | UTF-8
            big5              | Big5-HKSCS
            iso-8859-1        | windows-1252
            us-ascii          | windows-1252
            Shift_JIS         | Shift_JIS
            UTF-16LE          | UTF-16LE
            x-no-such-charset | -
            'bad label!'      | -
            ''                | -
            """)
    void mapsLabelsToDecoders(String label, String expected) {
        assertThat(CharsetLabels.forLabel(label).map(Charset::name).orElse(null))
                .isEqualTo(expected == null ? null : Charset.forName(expected).name());
    }

    @Test
    void leavesNoReplacementCharacterWhenTheHeaderLiesAboutAGbkPage() {
        byte[] body = ("<p>" + TEXT + "</p>").getBytes(Charset.forName("GBK"));

        for (String lie : new String[] {"ISO-8859-1", "UTF-8", "windows-1252", "text/html"}) {
            assertThat(sniffer.decode(body, lie, null).text())
                    .doesNotContain("\uFFFD")
                    .contains(TITLE);
        }
    }

    @Test
    void losesTheFewestCharactersWhenNothingDecodesCleanly() {
        byte[] gbk = ("<p>" + TEXT + "</p>").getBytes(Charset.forName("GBK"));
        byte[] truncated = concat(gbk, new byte[] {(byte) 0xB9});

        Decoded decoded = sniffer.decode(truncated, "UTF-8", null);

        assertThat(decoded.charset()).isEqualTo(Charset.forName("GB18030"));
        assertThat(decoded.text()).startsWith("<p>" + TITLE);
    }

    @Test
    void decodesAnEmptyBodyAsUtf8() {
        assertThat(sniffer.decode(new byte[0], null, null))
                .isEqualTo(new Decoded("", StandardCharsets.UTF_8, "default"));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
