//! The PPTX export: a 16:9 deck for a sponsor or steering group, written as Office Open XML
//! with plain templates (every text escaped) and the `zip` crate.
//!
//! Slide 1 is the map as native, editable shapes: a group per person (a stance-coloured ellipse
//! and its label), connectors with arrowheads for ties (width by strength, dash by kind),
//! department tints, title and legend. Slide 2 is the advocates ranking and slide 3 the best path
//! to each decision-maker, both as tables from rows the caller computed; when the caller chose a
//! board of advocates, a Board slide follows (`board`). A map with a campaign adds the Plan (open
//! actions by owner) and the Progress chart (`campaign`); a map with saved views ends with a
//! slide for each, in their order (`views`). Speaker notes explain
//! each slide, except in a redacted deck, which has no notes at all.
//!
//! The rooms: `shapes` builds a slide's shape tree, `slides` writes each slide and its notes,
//! and this module packages them (theme, relationships, content types) into the zip.

mod board;
mod campaign;
mod shapes;
mod slides;
mod views;

use std::fmt::Write as _;
use std::io::Write as _;

use crate::export::drawing;
use crate::export::{ExportOptions, Page, SlideExtras};
use crate::formats::xml::esc;
use crate::model::Map;

use slides::{map_slide, notes_slide, notes_texts, paths_slide, ranking_slide};

/// A 16:9 slide in EMU (English Metric Units: 914400 per inch).
pub(super) const SLIDE_W: i64 = 12_192_000;
pub(super) const SLIDE_H: i64 = 6_858_000;
pub(super) const EMU_PER_PT: f64 = 12_700.0;

pub(super) const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;

pub(super) const EMPTY_GROUP: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

const CLR_MAP: &str = r#"<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/>"#;

fn theme(name: &str) -> String {
    let colours = [
        ("dk1", "1F2933"),
        ("lt1", "FFFFFF"),
        ("dk2", "52606D"),
        ("lt2", "F3F4F6"),
        ("accent1", "0072B2"),
        ("accent2", "56B4E9"),
        ("accent3", "009E73"),
        ("accent4", "E69F00"),
        ("accent5", "D55E00"),
        ("accent6", "CC79A7"),
        ("hlink", "0072B2"),
        ("folHlink", "7B8794"),
    ];
    let mut clr = String::new();
    for (k, v) in colours {
        let _ = write!(clr, r#"<a:{k}><a:srgbClr val="{v}"/></a:{k}>"#);
    }
    let font = r#"<a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/>"#;
    let fill = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let ln = r#"<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#;
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="{name}"><a:themeElements><a:clrScheme name="Advocate">{clr}</a:clrScheme><a:fontScheme name="Advocate"><a:majorFont>{font}</a:majorFont><a:minorFont>{font}</a:minorFont></a:fontScheme><a:fmtScheme name="Advocate"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{ln}{ln}{ln}</a:lnStyleLst><a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst><a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"#
    )
}

fn rels(entries: &[(&str, &str, String)]) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, kind, target) in entries {
        let _ = write!(
            s,
            r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/{kind}" Target="{}"/>"#,
            esc(target)
        );
    }
    s.push_str("</Relationships>");
    s
}

const REL: &str = "officeDocument/2006/relationships";

/// The deck of a map: the map, the ranking and the paths, with speaker notes unless redacted.
pub fn render(map: &Map, options: &ExportOptions, extras: &SlideExtras) -> Result<Vec<u8>, String> {
    let wide = ExportOptions {
        size: None,
        page: Some(Page::Widescreen),
        ..options.clone()
    };
    let scene = drawing::scene(map, &wide);
    let with_notes = !options.redact.is_on();
    let mut slides = vec![
        map_slide(&scene),
        ranking_slide(map, &extras.ranking, options.redact),
        paths_slide(map, &extras.paths, options.redact),
    ];
    // The notes of the slides after the third, in their order.
    let mut more_notes: Vec<Vec<String>> = Vec::new();
    if let Some(b) = &extras.board {
        slides.push(board::board_slide(map, b, options.redact));
        more_notes.push(board::board_notes(map, b));
    }
    if let Some(plan) = &extras.plan {
        slides.push(campaign::plan_slide(map, plan, options.redact));
        more_notes.push(vec![
            "The open actions of the campaign, by owner, the earliest due first. Each was planned in Advocate, most from a suggested next step that says why.".into(),
            "When one is done, Advocate logs what happened and the stance after, so the plan and the stance history stay one story.".into(),
        ]);
    }
    if let Some(chart) = &extras.progress {
        slides.push(campaign::progress_slide(chart));
        more_notes.push(vec![
            "How many people stood where at the end of each month, from the engagement log: the wide, outlined columns are the audience, the narrow, pale ones everyone on the map.".into(),
            "The figure above each audience column is how many of them are champions or supporters.".into(),
        ]);
    }

    // The saved views, one slide each, last: the sequence the user presents.
    for (slide, notes) in views::view_slides(map, &wide) {
        slides.push(slide);
        more_notes.push(notes);
    }

    let mut parts: Vec<(String, String)> = Vec::new();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#,
    );
    let mut override_part = |name: &str, kind: &str| {
        let _ = write!(
            types,
            r#"<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-{kind}"/>"#
        );
    };
    override_part(
        "ppt/presentation.xml",
        "officedocument.presentationml.presentation.main+xml",
    );
    override_part(
        "ppt/slideMasters/slideMaster1.xml",
        "officedocument.presentationml.slideMaster+xml",
    );
    override_part(
        "ppt/slideLayouts/slideLayout1.xml",
        "officedocument.presentationml.slideLayout+xml",
    );
    override_part("ppt/theme/theme1.xml", "officedocument.theme+xml");
    override_part(
        "ppt/presProps.xml",
        "officedocument.presentationml.presProps+xml",
    );
    override_part(
        "ppt/viewProps.xml",
        "officedocument.presentationml.viewProps+xml",
    );
    override_part(
        "ppt/tableStyles.xml",
        "officedocument.presentationml.tableStyles+xml",
    );
    override_part("docProps/core.xml", "package.core-properties+xml");
    override_part("docProps/app.xml", "officedocument.extended-properties+xml");
    for i in 1..=slides.len() {
        override_part(
            &format!("ppt/slides/slide{i}.xml"),
            "officedocument.presentationml.slide+xml",
        );
        if with_notes {
            override_part(
                &format!("ppt/notesSlides/notesSlide{i}.xml"),
                "officedocument.presentationml.notesSlide+xml",
            );
        }
    }
    if with_notes {
        override_part(
            "ppt/notesMasters/notesMaster1.xml",
            "officedocument.presentationml.notesMaster+xml",
        );
        override_part("ppt/theme/theme2.xml", "officedocument.theme+xml");
    }
    types.push_str("</Types>");
    parts.push(("[Content_Types].xml".into(), types));

    parts.push((
        "_rels/.rels".into(),
        rels(&[
            (
                "rId1",
                &format!("{REL}/officeDocument"),
                "ppt/presentation.xml".into(),
            ),
            (
                "rId2",
                "package/2006/relationships/metadata/core-properties",
                "docProps/core.xml".into(),
            ),
            (
                "rId3",
                &format!("{REL}/extended-properties"),
                "docProps/app.xml".into(),
            ),
        ]),
    ));
    let date = crate::store::today();
    parts.push((
        "docProps/core.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>Advocate</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created></cp:coreProperties>"#,
            esc(&scene.title)
        ),
    ));
    parts.push((
        "docProps/app.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Advocate</Application><Slides>{}</Slides></Properties>"#,
            slides.len()
        ),
    ));

    // The presentation and its relationships.
    let mut pres_rels = vec![
        (
            "rId1".to_string(),
            format!("{REL}/slideMaster"),
            "slideMasters/slideMaster1.xml".to_string(),
        ),
        (
            "rId3".into(),
            format!("{REL}/theme"),
            "theme/theme1.xml".into(),
        ),
        (
            "rId4".into(),
            format!("{REL}/presProps"),
            "presProps.xml".into(),
        ),
        (
            "rId5".into(),
            format!("{REL}/viewProps"),
            "viewProps.xml".into(),
        ),
        (
            "rId6".into(),
            format!("{REL}/tableStyles"),
            "tableStyles.xml".into(),
        ),
    ];
    if with_notes {
        pres_rels.push((
            "rId2".into(),
            format!("{REL}/notesMaster"),
            "notesMasters/notesMaster1.xml".into(),
        ));
    }
    let mut slide_ids = String::new();
    for i in 1..=slides.len() {
        pres_rels.push((
            format!("rId{}", 10 + i),
            format!("{REL}/slide"),
            format!("slides/slide{i}.xml"),
        ));
        let _ = write!(
            slide_ids,
            r#"<p:sldId id="{}" r:id="rId{}"/>"#,
            255 + i,
            10 + i
        );
    }
    let notes_master_list = if with_notes {
        r#"<p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst>"#
    } else {
        ""
    };
    parts.push((
        "ppt/presentation.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst>{notes_master_list}<p:sldIdLst>{slide_ids}</p:sldIdLst><p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#
        ),
    ));
    let pres_rels: Vec<(&str, &str, String)> = pres_rels
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.clone()))
        .collect();
    parts.push(("ppt/_rels/presentation.xml.rels".into(), rels(&pres_rels)));
    parts.push((
        "ppt/presProps.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentationPr {NS}/>"#
        ),
    ));
    parts.push((
        "ppt/viewProps.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>"#
        ),
    ));
    parts.push((
        "ppt/tableStyles.xml".into(),
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>"#
            .into(),
    ));
    parts.push(("ppt/theme/theme1.xml".into(), theme("Advocate")));

    // Master and layout: blank, white.
    parts.push((
        "ppt/slideMasters/slideMaster1.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{EMPTY_GROUP}</p:spTree></p:cSld>{CLR_MAP}<p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst></p:sldMaster>"#
        ),
    ));
    parts.push((
        "ppt/slideMasters/_rels/slideMaster1.xml.rels".into(),
        rels(&[
            (
                "rId1",
                &format!("{REL}/slideLayout"),
                "../slideLayouts/slideLayout1.xml".into(),
            ),
            (
                "rId2",
                &format!("{REL}/theme"),
                "../theme/theme1.xml".into(),
            ),
        ]),
    ));
    parts.push((
        "ppt/slideLayouts/slideLayout1.xml".into(),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldLayout {NS} type="blank" preserve="1"><p:cSld name="Blank"><p:spTree>{EMPTY_GROUP}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
        ),
    ));
    parts.push((
        "ppt/slideLayouts/_rels/slideLayout1.xml.rels".into(),
        rels(&[(
            "rId1",
            &format!("{REL}/slideMaster"),
            "../slideMasters/slideMaster1.xml".into(),
        )]),
    ));

    if with_notes {
        parts.push((
            "ppt/notesMasters/notesMaster1.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notesMaster {NS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree>{EMPTY_GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="381000" y="685800"/><a:ext cx="6096000" cy="3429000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="4343400"/><a:ext cx="5486400" cy="4114800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-GB"/></a:p></p:txBody></p:sp></p:spTree></p:cSld>{CLR_MAP}</p:notesMaster>"#
            ),
        ));
        parts.push((
            "ppt/notesMasters/_rels/notesMaster1.xml.rels".into(),
            rels(&[(
                "rId1",
                &format!("{REL}/theme"),
                "../theme/theme2.xml".into(),
            )]),
        ));
        parts.push(("ppt/theme/theme2.xml".into(), theme("Advocate notes")));
    }

    let notes = if with_notes {
        let mut notes = notes_texts(map, &scene, extras).to_vec();
        notes.extend(more_notes);
        Some(notes)
    } else {
        None
    };
    for (i, slide) in slides.into_iter().enumerate() {
        let n = i + 1;
        parts.push((format!("ppt/slides/slide{n}.xml"), slide));
        let mut slide_rels = vec![(
            "rId1",
            format!("{REL}/slideLayout"),
            "../slideLayouts/slideLayout1.xml".to_string(),
        )];
        if let Some(notes) = &notes {
            slide_rels.push((
                "rId2",
                format!("{REL}/notesSlide"),
                format!("../notesSlides/notesSlide{n}.xml"),
            ));
            parts.push((
                format!("ppt/notesSlides/notesSlide{n}.xml"),
                notes_slide(&notes[i]),
            ));
            parts.push((
                format!("ppt/notesSlides/_rels/notesSlide{n}.xml.rels"),
                rels(&[
                    (
                        "rId1",
                        &format!("{REL}/notesMaster"),
                        "../notesMasters/notesMaster1.xml".into(),
                    ),
                    (
                        "rId2",
                        &format!("{REL}/slide"),
                        format!("../slides/slide{n}.xml"),
                    ),
                ]),
            ));
        }
        let slide_rels: Vec<(&str, &str, String)> = slide_rels
            .iter()
            .map(|(a, b, c)| (*a, b.as_str(), c.clone()))
            .collect();
        parts.push((
            format!("ppt/slides/_rels/slide{n}.xml.rels"),
            rels(&slide_rels),
        ));
    }

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(name.as_str(), options)
            .and_then(|()| zip.write_all(content.as_bytes()).map_err(Into::into))
            .map_err(|e| format!("cannot write the slide deck: {e}"))?;
    }
    zip.finish()
        .map(std::io::Cursor::into_inner)
        .map_err(|e| format!("cannot write the slide deck: {e}"))
}
