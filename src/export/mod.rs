//! Export formats for analysts and larger engines: CSV (one row per report, every figure of the
//! spec a column), JSON lines (the parsed-report contract), and Elasticsearch/OpenSearch bulk
//! with its index mapping. Pure functions from reports to text; the CLI decides where it goes.

use crate::analyze::checks::RULES;
use crate::model::template::all_figure_keys;
use crate::model::Report;
use serde_json::{json, Map, Value};

/// The CSV header of one column: the spec key and its Chinese label.
pub struct Column {
    pub key: String,
    pub label: String,
}

/// Every CSV column, in order: metadata, every figure key of both templates (2021 format first),
/// then each check's verdict.
pub fn csv_columns() -> Vec<Column> {
    let meta: &[(&str, &str)] = &[
        ("source", "来源文件"),
        ("agency", "机关"),
        ("year", "年度"),
        ("published", "发布日期"),
        ("province", "省"),
        ("city", "市"),
        ("county", "县"),
        ("template", "模板"),
        ("level", "层级"),
        ("kind", "机关类型"),
    ];
    let mut cols: Vec<Column> = meta
        .iter()
        .map(|(k, l)| Column {
            key: k.to_string(),
            label: l.to_string(),
        })
        .collect();
    for (key, label) in all_figure_keys() {
        cols.push(Column {
            key: key.clone(),
            label: label.clone(),
        });
    }
    for rule in RULES {
        cols.push(Column {
            key: format!("check.{rule}"),
            label: format!("勾稽·{rule}"),
        });
    }
    cols
}

/// The header line (labels, or keys with `keys`), without the line end.
pub fn csv_header(keys: bool) -> String {
    csv_columns()
        .iter()
        .map(|c| csv_field(if keys { &c.key } else { &c.label }))
        .collect::<Vec<_>>()
        .join(",")
}

/// One report as a CSV line (without the line end). Blank cells and missing tables are empty
/// fields, never 0.
pub fn csv_row(r: &Report) -> String {
    let mut out: Vec<String> = vec![
        r.source.clone(),
        r.agency.clone().unwrap_or_default(),
        r.year.map(|y| y.to_string()).unwrap_or_default(),
        r.published.clone().unwrap_or_default(),
        r.region.province.clone().unwrap_or_default(),
        r.region.city.clone().unwrap_or_default(),
        r.region.county.clone().unwrap_or_default(),
        r.template
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        r.level.map(|l| l.as_str().to_string()).unwrap_or_default(),
        r.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
    ];
    for (key, _) in all_figure_keys() {
        out.push(
            r.tables
                .figure(key)
                .map(|v| crate::model::Num(v).to_string())
                .unwrap_or_default(),
        );
    }
    for rule in RULES {
        out.push(
            r.checks
                .iter()
                .find(|c| c.rule == *rule)
                .map(|c| c.status.as_str().to_string())
                .unwrap_or_default(),
        );
    }
    out.iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",")
}

/// RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The default index name of the Elasticsearch output.
pub const ES_INDEX: &str = "gongkai";

/// The bulk-API document of a report: the contract without `provenance` (which is per-cell
/// detail an engine does not search), with `_id` = the source path.
pub fn es_document(r: &Report) -> Value {
    let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut v {
        m.remove("provenance");
    }
    v
}

/// Two lines of the bulk format (action, document), each ending in '\n'.
pub fn es_bulk_lines(r: &Report, index: &str) -> String {
    let action = json!({"index": {"_index": index, "_id": r.source}});
    format!("{action}\n{}\n", es_document(r))
}

/// The index mapping matching [`es_document`]: keyword metadata, Chinese text analysed with the
/// built-in `cjk` analyzer (bigrams, as gongkai's own index), every figure a `double`, sections
/// and checks `nested` so a query can ask for a kind of section or a failed rule.
pub fn es_mapping() -> Value {
    let text = json!({"type": "text", "analyzer": "cjk"});
    let keyword = json!({"type": "keyword"});
    let mut tables = Map::new();
    for (key, _) in all_figure_keys() {
        let mut parts = key.splitn(3, '.');
        let (t, row, col) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let table = tables
            .entry(t.to_string())
            .or_insert_with(|| json!({"properties": {}}));
        let rows = table["properties"].as_object_mut().unwrap();
        let row = rows
            .entry(row.to_string())
            .or_insert_with(|| json!({"properties": {}}));
        row["properties"]
            .as_object_mut()
            .unwrap()
            .insert(col.to_string(), json!({"type": "double"}));
    }
    json!({
        "mappings": {
            "dynamic": false,
            "properties": {
                "source": keyword,
                "agency": {"type": "keyword", "fields": {"text": text}},
                "year": {"type": "integer"},
                "published": keyword,
                "region": {"properties": {"province": keyword, "city": keyword, "county": keyword}},
                "template": keyword,
                "level": keyword,
                "kind": keyword,
                "sections": {"type": "nested", "properties": {
                    "kind": keyword, "title": text, "text": text
                }},
                "tables": {"properties": tables},
                "problems": {"properties": {"problems": text, "improvements": text}},
                "checks": {"type": "nested", "properties": {
                    "rule": keyword, "status": keyword,
                    "detail": {"type": "text", "index": false}, "cells": keyword
                }},
                "warnings": {"type": "text", "index": false}
            }
        }
    })
}
