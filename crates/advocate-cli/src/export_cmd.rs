//! `advocate export MAP --format svg|png|pdf|pptx|graphml|gexf|json|csv -o PATH` (and `--chart`
//! for the progress chart): the clap arguments of the export command and the glue that turns
//! them into advocate-core's export options. Every decision about how a map is drawn or written, and what a deck shows, is in
//! `advocate_core::export` (`export::write`, as the app calls it too).

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::Args;

use advocate_core::Map;
use advocate_core::export::{self, ExportOptions, Format, Page, Redact};

/// The export command's arguments (the map file itself is the command's own positional).
#[derive(Args, Debug, Clone, Default)]
pub struct ExportArgs {
    /// svg, png, pdf, pptx, graphml, gexf, json or csv (default: from the output file's extension)
    #[arg(long, short = 'f')]
    pub format: Option<String>,
    /// The file to write (for csv: a folder)
    #[arg(long, short = 'o')]
    pub output: PathBuf,
    /// Size in pixels, WIDTHxHEIGHT (PNG, SVG), e.g. 1920x1080
    #[arg(long)]
    pub size: Option<String>,
    /// Resolution for a PNG without --size: the page at this many dots per inch
    #[arg(long)]
    pub dpi: Option<f32>,
    /// No background (SVG, PNG, PDF)
    #[arg(long)]
    pub transparent: bool,
    /// Page: a4, letter or 16:9 (PDF; the shape of other drawings without --size)
    #[arg(long)]
    pub page: Option<String>,
    /// Replace names with job titles or initials, and leave out notes
    #[arg(long)]
    pub redact: Option<String>,
    /// Title (default: the goal's initiative, else the map's name)
    #[arg(long)]
    pub title: Option<String>,
    /// Subtitle (default: the map's name and today's date)
    #[arg(long)]
    pub subtitle: Option<String>,
    /// A chain of people to draw in bold, comma-separated ids or names, first person first
    #[arg(long, value_delimiter = ',')]
    pub path: Vec<String>,
    /// A board of advocates to ring, comma-separated ids or names
    #[arg(long, value_delimiter = ',')]
    pub board: Vec<String>,
    /// Only this part of the layout, X0,Y0,X1,Y1 in the map's coordinates (two opposite corners)
    #[arg(long, allow_hyphen_values = true)]
    pub view: Option<String>,
    /// Draw the progress chart (stance counts by month, the audience beside everyone) instead
    /// of the map: svg, png or pdf
    #[arg(long)]
    pub chart: bool,
    /// With --chart: the first month, YYYY-MM or a date (default: the log's first stance, at
    /// most two years back)
    #[arg(long, requires = "chart")]
    pub since: Option<String>,
    /// With --chart: the last day, YYYY-MM-DD (default: today)
    #[arg(long, requires = "chart")]
    pub today: Option<String>,
}

/// Reads `--view X0,Y0,X1,Y1`.
fn parse_view(text: &str) -> Result<export::View> {
    let parts: Vec<f64> = text
        .split(',')
        .map(|v| v.trim().parse::<f64>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| anyhow!("--view {text:?}: expected four numbers, X0,Y0,X1,Y1"))?;
    match parts.as_slice() {
        [x0, y0, x1, y1] => {
            export::View::new(*x0, *y0, *x1, *y1).map_err(|e| anyhow!("--view: {e}"))
        }
        _ => bail!("--view {text:?}: expected four numbers, X0,Y0,X1,Y1"),
    }
}

/// Reads `1920x1080` (also `1920X1080`, `1920×1080`).
pub fn parse_size(text: &str) -> Result<(u32, u32)> {
    let t = text.trim().to_lowercase().replace('×', "x");
    let (w, h) = t
        .split_once('x')
        .ok_or_else(|| anyhow!("size {text:?} should be WIDTHxHEIGHT, e.g. 1920x1080"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u32>()
            .map_err(|_| anyhow!("size {text:?}: {v:?} is not a number of pixels"))
    };
    let (w, h) = (parse(w)?, parse(h)?);
    export::check_size(w, h).map_err(|e| anyhow!("size {text:?}: {e}"))?;
    Ok((w, h))
}

/// The options the arguments ask for, with people named by id or name found on the map.
pub fn options(map: &Map, args: &ExportArgs) -> Result<ExportOptions> {
    let people = |refs: &[String]| -> Result<Vec<_>> {
        refs.iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| map.find_person(r).map(|p| p.id).map_err(|e| anyhow!(e)))
            .collect()
    };
    let options = ExportOptions {
        redact: match &args.redact {
            Some(r) => Redact::from_name(r).map_err(|e| anyhow!(e))?,
            None => Redact::None,
        },
        highlight_path: people(&args.path)?,
        highlight_board: people(&args.board)?,
        highlight_people: Vec::new(),
        title: args.title.clone(),
        subtitle: args.subtitle.clone(),
        size: args.size.as_deref().map(parse_size).transpose()?,
        dpi: args.dpi,
        transparent: args.transparent,
        page: args
            .page
            .as_deref()
            .map(Page::from_name)
            .transpose()
            .map_err(|e| anyhow!(e))?,
        influence: None,
        view: args.view.as_deref().map(parse_view).transpose()?,
    };
    options.check().map_err(|e| anyhow!(e))?;
    Ok(options)
}

/// The format the arguments name, else the output file's extension (a folder: the CSV tables).
pub fn format(args: &ExportArgs) -> Result<Format> {
    match &args.format {
        Some(f) => Format::from_name(f).map_err(|e| anyhow!(e)),
        None => Format::from_extension(&args.output).ok_or_else(|| {
            anyhow!(
                "cannot tell the format from {:?}: give --format svg, png, pdf, pptx, graphml, gexf, json or csv",
                args.output.display().to_string()
            )
        }),
    }
}

/// Writes the export and says what was written.
pub fn run_export(map: &Map, args: &ExportArgs) -> Result<String> {
    let format = format(args)?;
    let options = options(map, args)?;
    if args.chart {
        let today = args
            .today
            .clone()
            .unwrap_or_else(advocate_core::store::today);
        export::chart::write(
            map,
            format,
            &options,
            args.since.as_deref(),
            &today,
            &args.output,
        )
        .map_err(|e| anyhow!(e))
        .context("exporting the progress chart")?;
        return Ok(format!(
            "wrote {} (the progress chart, {})",
            args.output.display(),
            format.name()
        ));
    }
    let written = export::write(map, format, &options, &args.output)
        .map_err(|e| anyhow!(e))
        .with_context(|| format!("exporting {}", format.name()))?;
    let (people, _, ties) = map.counts();
    Ok(match format {
        Format::Json => format!("wrote {}", args.output.display()),
        Format::Csv => format!("wrote {} files to {}", written.len(), args.output.display()),
        _ => format!(
            "wrote {} ({}, {people} people, {ties} ties{})",
            args.output.display(),
            format.name(),
            if options.redact.is_on() {
                ", redacted"
            } else {
                ""
            }
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_bad_ones_say_why() {
        assert_eq!(parse_size("1920x1080").unwrap(), (1920, 1080));
        assert_eq!(parse_size("800×600").unwrap(), (800, 600));
        assert!(
            parse_size("1920")
                .unwrap_err()
                .to_string()
                .contains("WIDTHxHEIGHT")
        );
        assert!(parse_size("0x10").is_err());
    }

    #[test]
    fn format_comes_from_the_flag_or_the_extension() {
        let mut args = ExportArgs {
            output: "out/map.pptx".into(),
            ..ExportArgs::default()
        };
        assert_eq!(format(&args).unwrap(), Format::Pptx);
        args.format = Some("svg".into());
        assert_eq!(format(&args).unwrap(), Format::Svg);
        args.format = None;
        args.output = "map".into();
        assert!(format(&args).unwrap_err().to_string().contains("--format"));
    }
}
