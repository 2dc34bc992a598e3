#pragma once
// The Edit menu's Undo and Redo, for whichever document the workspace in front edits (the
// trainee's attempt, the builder's scenario): each item names what it would undo or redo and
// shows the shortcut the tools already take.
#include <string>

#include <imgui.h>

#include "core/base/command_history.h"

namespace mesomap::app {

template <typename Document>
void drawUndoRedoItems(CommandHistory<Document>& history, Document& document, bool editable) {
  const bool canUndo = editable && history.canUndo(), canRedo = editable && history.canRedo();
  // "###": the item keeps its identity while its label names another command.
  const std::string undo = canUndo ? "Undo " + history.undoLabel() + "###undo" : "Undo###undo";
  const std::string redo = canRedo ? "Redo " + history.redoLabel() + "###redo" : "Redo###redo";
  if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, canUndo)) history.undo(document);
  if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, canRedo)) history.redo(document);
}

}  // namespace mesomap::app
