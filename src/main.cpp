#include "cli/commands.h"

int main(int argc, char** argv) { return kc::cli::run(argc, argv); }
