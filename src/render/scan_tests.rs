//! The link scanner on the pages the generator writes and on hostile markup.

use super::*;

fn scan(html: &str) -> (Vec<String>, Vec<String>) {
    let (mut links, mut ids) = (Vec::new(), Vec::new());
    attributes(html, |attribute, value, _| match attribute {
        Attribute::Link => links.push(value.into_owned()),
        Attribute::Id => ids.push(value.into_owned()),
    });
    (links, ids)
}

#[test]
fn reads_attributes_of_tags() {
    let (links, ids) = scan(
        r#"<a href="../x/#p1" id="a">x</a><img src='i.png'><p id=b><a href="a&amp;b"><a HREF="up/" class="c" data-id="no"><a href = "sp/"><a href=x href=y>"#,
    );
    assert_eq!(links, ["../x/#p1", "i.png", "a&b", "up/", "sp/", "x"]);
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn text_that_looks_like_markup_is_text() {
    let (links, ids) = scan(
        "<p>set id=zz9 and src=y</p><code>&lt;a href=\"/x\"&gt;</code><p title=\"a href=q id=r\">t</p>\
         <!-- <a href=c> --><script>var s = '<a href=s>';</script><title><a href=t></title>\
         <textarea><img src=u></textarea><style>a[href=v]{}</style></a href=w><!x href=y><?php src=z?>",
    );
    assert!(links.is_empty(), "{links:?}");
    assert!(ids.is_empty(), "{ids:?}");
}

#[test]
fn scripts_with_escapes() {
    let (links, _) = scan(
        "<script><!--<script></script><a href=no></script>--></script><a href=yes><SCRIPT></Script ><a href=two>",
    );
    assert_eq!(links, ["yes", "two"]);
}

#[test]
fn character_references_as_the_tokenizer_reads_them() {
    let (links, _) = scan(
        "<a href='&amp;&#x26;&#38;&lt;&amp=&ampx&notit;&#0;&#x80;&#;&bogus;&amp'><a href='a\r\nb'>",
    );
    assert_eq!(
        links,
        ["&&&<&amp=&ampx&notit;\u{fffd}\u{20ac}&#;&bogus;&", "a\nb"]
    );
}

#[test]
fn a_tag_cut_off_is_no_tag() {
    assert!(scan("<a href=x").0.is_empty());
    assert!(scan("<a href='x>").0.is_empty());
    assert_eq!(scan("<a href>").0, [""]);
}
