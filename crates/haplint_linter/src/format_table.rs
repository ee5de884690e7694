//! `[format]` in `haplint.toml`: the options of `haplint fmt`, checked
//! where they are written.

use std::ops::Range;

use haplint_fmt::{
    FORMAT_KEYS, FormatSettings, IndentStyle, LineEnding, MAX_BLANK_LINES, MAX_INDENT_WIDTH,
};
use toml_edit::Item;

use crate::config::ConfigProblem;

pub(crate) fn format_table(
    item: &Item,
    range: Range<usize>,
    problems: &mut Vec<ConfigProblem>,
) -> FormatSettings {
    let mut settings = FormatSettings::default();
    let Some(table) = item.as_table_like() else {
        problems.push(ConfigProblem {
            message: "`format` must be a table of formatter options".to_owned(),
            range: item.span().unwrap_or(range),
        });
        return settings;
    };
    for (key, value) in table.iter() {
        let key_range = table
            .key(key)
            .and_then(toml_edit::Key::span)
            .or_else(|| value.span())
            .unwrap_or_else(|| range.clone());
        let value_range = value.span().unwrap_or_else(|| key_range.clone());
        let mut complain = |message: String| {
            problems.push(ConfigProblem {
                message,
                range: value_range.clone(),
            });
        };
        match key {
            "indent-width" => match count(value, MAX_INDENT_WIDTH) {
                Some(width) => settings.indent_width = Some(width),
                None => complain(format!(
                    "`indent-width` must be a number of spaces from 0 to {MAX_INDENT_WIDTH}"
                )),
            },
            "max-blank-lines" => match count(value, MAX_BLANK_LINES) {
                Some(lines) => settings.max_blank_lines = Some(lines),
                None => complain(format!(
                    "`max-blank-lines` must be a number from 0 to {MAX_BLANK_LINES}"
                )),
            },
            "blank-lines-between-sections" => match count(value, MAX_BLANK_LINES) {
                Some(lines) => settings.blank_lines_between_sections = Some(lines),
                None => complain(format!(
                    "`blank-lines-between-sections` must be a number from 0 to {MAX_BLANK_LINES}"
                )),
            },
            "indent-style" => match value.as_str().and_then(IndentStyle::parse) {
                Some(style) => settings.indent_style = Some(style),
                None => complain("`indent-style` must be \"spaces\" or \"tabs\"".to_owned()),
            },
            "line-ending" => match value.as_str().and_then(LineEnding::parse) {
                Some(ending) => settings.line_ending = Some(ending),
                None => complain("`line-ending` must be \"keep\" or \"lf\"".to_owned()),
            },
            "align-arguments" => match value.as_bool() {
                Some(align) => settings.align_arguments = Some(align),
                None => complain("`align-arguments` must be true or false".to_owned()),
            },
            "indent-conditional-blocks" => match value.as_bool() {
                Some(indent) => settings.indent_conditional_blocks = Some(indent),
                None => complain("`indent-conditional-blocks` must be true or false".to_owned()),
            },
            _ => problems.push(ConfigProblem {
                message: format!(
                    "unknown format option `{key}`; known options: {}",
                    FORMAT_KEYS.join(", ")
                ),
                range: key_range,
            }),
        }
    }
    settings
}

fn count(value: &Item, max: usize) -> Option<usize> {
    value
        .as_integer()
        .and_then(|number| usize::try_from(number).ok())
        .filter(|&number| number <= max)
}

#[cfg(test)]
mod tests {
    use crate::Settings;

    #[test]
    fn options_are_read() {
        let (settings, problems) = Settings::parse(
            "[format]\nindent-width = 2\nindent-style = \"tabs\"\nalign-arguments = true\nmax-blank-lines = 2\nblank-lines-between-sections = 0\nindent-conditional-blocks = true\nline-ending = \"lf\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let options = settings.format.options();
        assert_eq!(options.indent_width, 2);
        assert_eq!(options.indent_style, haplint_fmt::IndentStyle::Tabs);
        assert!(options.align_arguments && options.indent_conditional_blocks);
        assert_eq!(
            (
                options.max_blank_lines,
                options.blank_lines_between_sections
            ),
            (2, 0)
        );
        assert_eq!(options.line_ending, haplint_fmt::LineEnding::Lf);
    }

    #[test]
    fn problems_are_reported_where_written() {
        let text = "[format]\nindent-width = 99\nindnt-style = \"tabs\"\nline-ending = \"crlf\"\n";
        let (_, problems) = Settings::parse(text);
        let located: Vec<&str> = problems
            .iter()
            .map(|problem| &text[problem.range.clone()])
            .collect();
        assert_eq!(located, ["99", "indnt-style", "\"crlf\""]);
        assert!(problems[1].message.contains("unknown format option"));
    }
}
