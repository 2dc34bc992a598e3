#pragma once
// The scenario builder's windows as free functions over plain data: the model (read only) and
// the builder's own UI state (tool, selection, brush); they draw, and say what the author asked
// for as actions, which ScenarioBuilder carries out in order. Edits travel as the item as it
// should become, so the panels build no commands and tests can read what was asked.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "app/model/builder_model.h"

namespace mesomap::app {

enum class BuilderTool { Select, AddLandmark, MoveLandmark, AddPoint, Paint, Erase };
enum BuilderTab { kDetailsTab, kLandmarksTab, kPointsTab, kZonesTab, kRulesTab, kBuilderTabCount };

struct BuilderSelection {
  ItemKind kind = ItemKind::None;
  size_t index = 0;
};

// What the builder holds beside the document: the tool and its settings, what is selected.
struct BuilderUi {
  BuilderTool tool = BuilderTool::Select;
  BuilderSelection selection;
  std::set<size_t> selectedPoints;  // several for "mirror"; selection is the one edited
  float brushRadiusMm = 10.0f;
  ZoneKind newZoneKind = ZoneKind::Target;
  Technique newPointTechnique = Technique::IDS;
  std::string anchorLandmark;  // new points: from this landmark (empty: absolute)
  int tab = -1;                // a tab to bring forward (a clicked problem), once
};

struct BuilderAction {
  enum class Kind {
    None,
    // Files and history.
    New,
    Open,
    Save,
    SaveAs,
    TryIt,
    ExportMarkups,
    Undo,
    Redo,
    Duplicate,  // index: the library entry
    // The tool and its settings.
    SetTool,               // tool
    SetBrushRadius,        // brushRadiusMm
    SetNewZoneKind,        // zoneKind
    SetNewPointTechnique,  // technique
    SetAnchor,             // text: a landmark id, empty for "the skin"
    PaintNewZone,          // zoneKind: drop the selection and paint a new zone of this kind
    TabShown,              // the tab asked for by `BuilderUi::tab` is in front
    // Selection.
    Select,         // item, index, add (Ctrl: points join the selection)
    SelectProblem,  // index: the validation problem
    ClearSelection,
    // Edits of the document: `edit` holds the item as it should become.
    EditDetails,   // Scenario (its body landmarks are kept)
    EditLandmark,  // index, Landmark
    EditPoint,     // index, ReferencePoint
    EditZone,      // index, Zone
    EditPattern,   // PatternRules
    EditScoring,   // ScoringRules
    DeleteLandmark,
    DeletePoints,
    MirrorPoints,
    DeleteZone,
    MirrorZone,  // the selection
    // Dialogs.
    SaveTo,  // text: the path
    CancelSaveAs,
    SaveFromPrompt,
    DiscardChanges,
    CancelPrompt,
    Recover,
    DiscardRecovery,
  };
  using Edit = std::variant<std::monostate, Scenario, Landmark, ReferencePoint, Zone, PatternRules, ScoringRules>;

  Kind kind = Kind::None;
  ItemKind item = ItemKind::None;
  size_t index = 0;
  bool add = false;
  BuilderTool tool = BuilderTool::Select;
  ZoneKind zoneKind = ZoneKind::Target;
  Technique technique = Technique::IDS;
  float brushRadiusMm = 0.0f;
  std::string text;
  Edit edit;
};
using BuilderActions = std::vector<BuilderAction>;

// The builder window: file buttons, the tool and its settings, the five tabs.
BuilderActions drawBuilderWindow(const BuilderModel& model, const BuilderUi& ui, float top);
// The validation window: the problems as `mesomap validate` reports them; a click selects one.
BuilderActions drawValidationWindow(const BuilderModel& model);

// The dialogs' state: which is open and what the author typed.
struct BuilderDialogs {
  bool saveAsOpen = false;
  std::string saveAsPath;
  std::string saveAsProblem;
  bool unsavedPromptOpen = false;
  bool recoveryOpen = false;
  std::optional<BuilderModel::Recoverable> recoverable;
};
// Save as, unsaved changes and recovery (the open dialog is the FileDialog's own). Closing
// a popup is the caller's: it clears the flag the popup opens from.
BuilderActions drawBuilderDialogs(const BuilderModel& model, BuilderDialogs& dialogs, bool confirmPressed,
                                  bool cancelPressed);

}  // namespace mesomap::app
