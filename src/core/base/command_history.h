#pragma once
// Undo/redo for a document changed only through commands. Practice mode, the scenario
// builder, the CLI and tests all change their documents this way, so every action is
// undoable and scriptable alike.
#include <memory>
#include <string>
#include <vector>

namespace mesomap {

template <typename Document>
class CommandHistory {
 public:
  class Command {
   public:
    virtual ~Command() = default;
    virtual void apply(Document& document) = 0;
    virtual void revert(Document& document) = 0;
    virtual std::string label() const = 0;  // "Move point 3", shown in Edit > Undo
    // Folds `next` into this command when both are one gesture (a drag, a slider), so the
    // gesture undoes in one step. `next` has already been applied.
    virtual bool absorb(const Command& next) { return false; }
  };

  // Applies the command and records it; clears the redo list.
  void execute(Document& document, std::unique_ptr<Command> command) {
    command->apply(document);
    redo_.clear();
    if (gestureOpen_ && !undo_.empty() && undo_.back()->absorb(*command)) return;
    undo_.push_back(std::move(command));
    gestureOpen_ = true;
  }

  // Ends the current gesture: the next command starts a new undo step even if it could merge.
  void endGesture() { gestureOpen_ = false; }

  bool undo(Document& document) {
    if (undo_.empty()) return false;
    undo_.back()->revert(document);
    redo_.push_back(std::move(undo_.back()));
    undo_.pop_back();
    gestureOpen_ = false;
    return true;
  }

  bool redo(Document& document) {
    if (redo_.empty()) return false;
    redo_.back()->apply(document);
    undo_.push_back(std::move(redo_.back()));
    redo_.pop_back();
    gestureOpen_ = false;
    return true;
  }

  bool canUndo() const { return !undo_.empty(); }
  bool canRedo() const { return !redo_.empty(); }
  std::string undoLabel() const { return undo_.empty() ? std::string() : undo_.back()->label(); }
  std::string redoLabel() const { return redo_.empty() ? std::string() : redo_.back()->label(); }
  size_t undoDepth() const { return undo_.size(); }

  void clear() {
    undo_.clear();
    redo_.clear();
    gestureOpen_ = false;
  }

 private:
  std::vector<std::unique_ptr<Command>> undo_, redo_;
  bool gestureOpen_ = false;
};

}  // namespace mesomap
