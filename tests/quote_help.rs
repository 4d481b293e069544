//! What a writer is told about a quote that cannot be placed (probe M9, M10, L18): the
//! closest passage, the block boundary it crosses, each place of a quote found several
//! times, and which of prefix or suffix is wrong and what the text really has. Each test
//! asserts the exact `error: PATH:LINE:` line.

mod common;

use common::*;

const ARTICLE: &str = "+++\ntitle = \"The bridge\"\ndate = 2025-01-02\n+++\n\n\
The council called the scheme rushed. Residents agreed.\n\n\
Engineers said it was rushed too, and the army was mobilized.\n\n\
## Costs\n\n\
- Lopes said no.\n\
- Lopes refused it.\n\n\
Lopes left the room.\n";

const NOTE: &str = "content/annotations/note.md";
const POSITION: &str = "content/positions/delay.md";

/// The errors of a one-article site with `files` added.
fn errors(files: &[(&str, &str)]) -> Vec<String> {
    let mut all = vec![
        ("content/site.toml", "title = \"Bridge\"\n"),
        ("content/articles/bridge.md", ARTICLE),
        (
            "content/actors/lopes.md",
            "+++\nname = \"Lopes\"\nkind = \"person\"\n+++\n\nA resident.\n",
        ),
    ];
    all.extend_from_slice(files);
    TempSite::new(&all).errors()
}

/// The errors of an annotation with these front-matter lines (after `+++`).
fn note(front: &str) -> Vec<String> {
    let text = format!("+++\n{front}kind = \"context\"\n+++\n\nA note.\n");
    errors(&[(NOTE, &text)])
}

#[test]
fn the_site_is_clean_with_a_good_quote() {
    assert_eq!(
        note("quote = \"rushed\"\nprefix = \"the scheme \"\n"),
        Vec::<String>::new()
    );
}

#[test]
fn one_letter_off_names_the_closest_passage() {
    assert_eq!(
        note("quote = \"mobilised\"\n"),
        [
            "error: content/annotations/note.md:2: quote not found in article \"bridge\": \"mobilised\" (closest: \"mobilized\" in p2, 89% similar)"
        ]
    );
}

#[test]
fn nothing_close_at_all() {
    assert_eq!(
        note("quote = \"zebra crossing\"\n"),
        [
            "error: content/annotations/note.md:2: quote not found in article \"bridge\": \"zebra crossing\" (no passage of the article is 70% similar or more)"
        ]
    );
}

#[test]
fn across_a_paragraph_names_both_blocks() {
    assert_eq!(
        note("quote = \"Residents agreed.\\n\\nEngineers said\"\n"),
        [
            "error: content/annotations/note.md:2: quote not found in article \"bridge\": \"Residents agreed.\\n\\nEngineers said\" (it crosses a block boundary, from p1 into p2: a quote must lie inside one paragraph, heading, list item or table cell)"
        ]
    );
    // With a typo as well: the closest passage, and the boundary it crosses.
    assert_eq!(
        note("quote = \"Residents agred. Engineers said\"\n"),
        [
            "error: content/annotations/note.md:2: quote not found in article \"bridge\": \"Residents agred. Engineers said\" (closest: \"Residents agreed. Engineers said\" from p1 into p2, 97% similar, but it crosses a block boundary: a quote must lie inside one paragraph, heading, list item or table cell)"
        ]
    );
}

#[test]
fn across_two_list_items_names_the_list() {
    assert_eq!(
        note("quote = \"said no. Lopes refused\"\n"),
        [
            "error: content/annotations/note.md:2: quote not found in article \"bridge\": \"said no. Lopes refused\" (it crosses a block boundary, from one paragraph, list item or table cell of p4 into another: a quote must lie inside one paragraph, heading, list item or table cell)"
        ]
    );
}

#[test]
fn found_twice_in_an_annotation_lists_each_place_and_asks_for_a_prefix_or_suffix() {
    assert_eq!(
        note("quote = \"rushed\"\n"),
        [
            "error: content/annotations/note.md:2: quote found 2 times in article \"bridge\": \"rushed\" (p1: \"…called the scheme [rushed]. Residents agreed.\"; p2: \"…said it was [rushed] too, and the…\"; add a prefix or suffix (the text just before or after it) to pick one)"
        ]
    );
    // Still found several times with a suffix that every place has (white space alone,
    // which is an error of its own).
    assert_eq!(
        note("quote = \"Lopes\"\nsuffix = \" \"\n"),
        [
            "error: content/annotations/note.md:2: quote found 3 times in article \"bridge\": \"Lopes\" (p4: \"[Lopes] said no.\"; p4: \"[Lopes] refused it.\"; p5: \"[Lopes] left the room.\"; make the prefix or suffix longer to pick one)",
            "error: content/annotations/note.md:3: suffix is only white space, which tells no place of the quote from another: write the words that follow the quote, or remove it"
        ]
    );
}

#[test]
fn found_three_times_in_a_stance_asks_for_more_of_the_sentence() {
    let position = "+++\ntitle = \"Delay the bridge\"\nsummary = \"Wait.\"\n\n[[stances]]\nactor = \"lopes\"\nstance = \"opposes\"\nquote = \"Lopes\"\n+++\n";
    assert_eq!(
        errors(&[(POSITION, position)]),
        [
            "error: content/positions/delay.md:8: quote found 3 times in article \"bridge\": \"Lopes\" (p4: \"[Lopes] said no.\"; p4: \"[Lopes] refused it.\"; p5: \"[Lopes] left the room.\"; quote more of the sentence so that it occurs once)"
        ]
    );
}

#[test]
fn wrong_prefix_points_at_the_prefix_and_shows_what_precedes() {
    assert_eq!(
        note("quote = \"rushed\"\nprefix = \"called the plan \"\n"),
        [
            "error: content/annotations/note.md:3: quote \"rushed\" occurs 2 times in article \"bridge\" (p1, p2), but none is preceded by prefix \"called the plan \" (the closest place, in p1, is preceded by \"called the scheme \")"
        ]
    );
}

#[test]
fn wrong_suffix_points_at_the_suffix_and_shows_what_follows() {
    assert_eq!(
        note("quote = \"rushed\"\nsuffix = \" now\"\n"),
        [
            "error: content/annotations/note.md:3: quote \"rushed\" occurs 2 times in article \"bridge\" (p1, p2), but none is followed by suffix \" now\" (the closest place, in p2, is followed by \" too\")"
        ]
    );
}

#[test]
fn a_prefix_missing_its_trailing_space_is_named() {
    assert_eq!(
        note("quote = \"rushed\"\nprefix = \"the scheme\"\n"),
        [
            "error: content/annotations/note.md:3: quote \"rushed\" occurs 2 times in article \"bridge\" (p1, p2), but none is preceded by prefix \"the scheme\" (end it with a space: in p1 the quote is preceded by \"the scheme \")"
        ]
    );
    assert_eq!(
        note("quote = \"rushed\"\nsuffix = \"too\"\n"),
        [
            "error: content/annotations/note.md:3: quote \"rushed\" occurs 2 times in article \"bridge\" (p1, p2), but none is followed by suffix \"too\" (start it with a space: in p2 the quote is followed by \" too\")"
        ]
    );
}

#[test]
fn a_prefix_or_suffix_from_the_next_block_is_named() {
    assert_eq!(
        note("quote = \"Engineers\"\nprefix = \"Residents agreed. \"\n"),
        [
            "error: content/annotations/note.md:3: quote \"Engineers\" occurs once in article \"bridge\" (p2), but it is not preceded by prefix \"Residents agreed. \" (the prefix runs into p1, but it must be in the quote's block, p2: the quote starts its block, so use a suffix instead)"
        ]
    );
    assert_eq!(
        note("quote = \"said it\"\nprefix = \"agreed. Engineers \"\n"),
        [
            "error: content/annotations/note.md:3: quote \"said it\" occurs once in article \"bridge\" (p2), but it is not preceded by prefix \"agreed. Engineers \" (the prefix runs into p1, but it must be in the quote's block, p2: shorten it to \"Engineers \")"
        ]
    );
    assert_eq!(
        note("quote = \"Residents\"\nsuffix = \" agreed. Engineers\"\n"),
        [
            "error: content/annotations/note.md:3: quote \"Residents\" occurs once in article \"bridge\" (p1), but it is not followed by suffix \" agreed. Engineers\" (the suffix runs into p2, but it must be in the quote's block, p1: shorten it to \" agreed.\")"
        ]
    );
}

#[test]
fn wrong_prefix_and_suffix_are_each_reported_at_their_line() {
    assert_eq!(
        note("quote = \"rushed\"\nprefix = \"the plan \"\nsuffix = \" now\"\n"),
        [
            "error: content/annotations/note.md:3: quote \"rushed\" occurs 2 times in article \"bridge\" (p1, p2), but none is preceded by prefix \"the plan \" (the closest place, in p1, is preceded by \"the scheme \")",
            "error: content/annotations/note.md:4: quote \"rushed\" occurs 2 times in article \"bridge\" (p1, p2), but none is followed by suffix \" now\" (the closest place, in p2, is followed by \" too\")",
        ]
    );
}

#[test]
fn a_stance_quote_one_letter_off_names_the_closest_passage_too() {
    let position = "+++\ntitle = \"Delay the bridge\"\nsummary = \"Wait.\"\n\n[[stances]]\nactor = \"lopes\"\nstance = \"opposes\"\nquote = \"Lopes refusd it.\"\n+++\n";
    assert_eq!(
        errors(&[(POSITION, position)]),
        [
            "error: content/positions/delay.md:8: quote not found in article \"bridge\": \"Lopes refusd it.\" (closest: \"Lopes refused it.\" in p4, 94% similar)"
        ]
    );
}

#[test]
fn a_quote_with_a_wrong_ending_is_matched_to_the_whole_passage_not_a_cut_one() {
    // Probe: "Lopes refused it!" was as near "Lopes refused it" (a letter dropped) as
    // "Lopes refused it." (a letter changed); the shorter was offered, and
    // `check --fix-quotes` cut the stance's evidence short.
    assert_eq!(
        note("quote = \"Lopes refused it!\"\n"),
        [
            "error: content/annotations/note.md:2: quote not found in article \"bridge\": \"Lopes refused it!\" (closest: \"Lopes refused it.\" in p4, 94% similar)"
        ]
    );
}

#[test]
fn a_prefix_or_suffix_of_white_space_alone_is_an_error_at_its_line() {
    // Probe: `suffix = " "` was dropped when the text was compared, so the quote was
    // "found 2 times" as if no suffix had been given.
    let e = note("quote = \"rushed\"\nsuffix = \" \"\nprefix = \"\\t\"\n");
    let lines: Vec<&str> = e.iter().map(|l| l.split(": ").nth(1).unwrap()).collect();
    assert!(lines.contains(&"content/annotations/note.md:3"), "{e:?}");
    assert!(lines.contains(&"content/annotations/note.md:4"), "{e:?}");
    assert!(
        e.iter().any(|l| l.contains("suffix is only white space")),
        "{e:?}"
    );
}

#[test]
fn a_long_prefix_is_shown_by_its_ends() {
    // Probe: a 100 KB prefix was echoed whole in the error.
    let long = "x".repeat(100_000);
    let e = note(&format!("quote = \"rushed\"\nprefix = \"{long} \"\n"));
    assert_eq!(e.len(), 1, "{}", e.len());
    assert!(e[0].len() < 1_000, "{}", e[0].len());
    assert!(e[0].contains("characters…]"), "{}", &e[0][..300]);
}

#[test]
fn across_two_paragraphs_of_a_block_quote_names_them_paragraphs() {
    // Probe: the paragraphs of a block quote were called list items or table cells.
    let quoted = format!("{ARTICLE}\n> Quoted line one\n>\n> Quoted line two\n");
    let e = TempSite::new(&[
        ("content/site.toml", "title = \"Bridge\"\n"),
        ("content/articles/bridge.md", &quoted),
        (
            NOTE,
            "+++\nquote = \"line one Quoted line\"\nkind = \"context\"\n+++\n\nA note.\n",
        ),
    ])
    .errors();
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("from one paragraph, list item or table cell of p6 into another"),
        "{e:?}"
    );
}

#[test]
fn a_quote_from_the_title_a_code_block_or_a_footnote_says_where_it_is() {
    // "no passage of the article is 70% similar or more", of a passage that is there
    // word for word, where no mark can go.
    let with = |extra: &str| -> Vec<String> {
        let article = format!(
            "{ARTICLE}\n```\nrun the numbers again\n```\n\nA claim.[^a]\n\n[^a]: The footnote says hello world.\n"
        );
        let mut all = vec![
            ("content/site.toml", "title = \"Bridge\"\n"),
            ("content/articles/bridge.md", article.as_str()),
        ];
        let note = format!("+++\nquote = \"{extra}\"\nkind = \"context\"\n+++\n\nA note.\n");
        all.push((NOTE, &note));
        TempSite::new(&all).errors()
    };
    for (quote, place) in [
        ("The bridge", "the article's title"),
        ("run the numbers", "a code block"),
        ("says hello world", "a footnote"),
    ] {
        let e = with(quote);
        assert_eq!(
            e,
            [format!(
                "error: {NOTE}:2: quote not found in the text of article \"bridge\": \"{quote}\" (it is in {place}, where no note can mark it: a quote must lie inside one paragraph, heading, list item or table cell of the text)"
            )],
            "{quote}"
        );
    }
}
