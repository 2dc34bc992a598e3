#pragma once
#include <string>
#include <vector>

namespace mesomap::cli {

// Each returns the process exit code; errors are thrown as mesomap::Error.
int runRender(const std::vector<std::string>& args);
int runInfo(const std::vector<std::string>& args);
int runCompare(const std::vector<std::string>& args);
int runValidate(const std::vector<std::string>& args);
int runExportMarkups(const std::vector<std::string>& args);
int runAttempt(const std::vector<std::string>& args);
int runScore(const std::vector<std::string>& args);
int runLandmarks(const std::vector<std::string>& args);
int runGui(const std::vector<std::string>& args);
int runClass(const std::vector<std::string>& args);  // class_command.cpp

}  // namespace mesomap::cli
