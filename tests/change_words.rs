//! Table 二's 本年增/减 (the 2019 template) printed in words where nothing changed: 持平, 无变化,
//! 不变. Before, such a row was left out (the hunt's family: 75 facts on 9 files). Every keyed
//! report of the 2019 template, its zero changes so printed, keeps every fact.

use crate::common;

use common::template_doc::{tab_table, template_document, text, Table};
use common::{keyed_reports, lost_line, regressions, score};

/// Table 二 as tab rows with every zero under 本年增/减 printed as `word`; how many were.
fn changes_in_words(t: &Table, word: &str, count: &std::cell::Cell<usize>) -> String {
    let mut change_column = None;
    let lines: Vec<String> = tab_table(t)
        .lines()
        .map(|line| {
            let mut fields: Vec<&str> = line.split('\t').collect();
            if let Some(c) = fields.iter().position(|f| *f == "本年增/减") {
                change_column = Some(c);
            } else if fields
                .iter()
                .any(|f| f.starts_with("信息内容") || f.starts_with("第二十条"))
            {
                change_column = None;
            } else if let Some(c) = change_column.filter(|&c| fields.get(c) == Some(&"0")) {
                fields[c] = word;
                count.set(count.get() + 1);
            }
            fields.join("\t")
        })
        .collect();
    lines.join("\n")
}

#[test]
fn no_change_in_words_reads_zero() {
    let mut failures = Vec::new();
    let count = std::cell::Cell::new(0);
    for k in keyed_reports() {
        if k.key["template"] != "2019" || k.key["tables_present"]["disclosure"] != true {
            continue;
        }
        let doc = template_document(&k);
        for word in ["持平", "无变化", "不变"] {
            let table = |t: &Table| {
                if t.iter().flatten().any(|c| c.text == "本年增/减") {
                    changes_in_words(t, word, &count)
                } else {
                    tab_table(t)
                }
            };
            let source = text(&doc, &|_, h| Some(h.to_string()), &table, "\n");
            let r = gongkai::report_from_bytes("changes.txt", source.as_bytes()).unwrap();
            let lost = regressions(&k, &score(&r, &k.key));
            if !lost.is_empty() {
                failures.push(lost_line(&format!("{} with {word}", k.name), &lost));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        count.get() >= 20,
        "{} changes printed in words",
        count.get()
    );
}
