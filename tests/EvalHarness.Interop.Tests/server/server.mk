# Compiles llama.cpp's tools/server (+ mtmd, cpp-httplib) against the prebuilt libllama/libggml shared libraries.
# Called by build.sh with S=<llama.cpp source> BIN=<output folder holding the .so files> OBJ=<object folder>.
CXX ?= g++
INC := tools/server tools/mtmd . common vendor include ggml/include build/tools/ui build/tools/server vendor/hash
CXXFLAGS := -O1 -std=c++17 -fPIC -w -DNDEBUG -DGGML_USE_CPU -DLLAMA_SUBPROCESS -DMTMD_VIDEO $(addprefix -I$(S)/,$(INC)) \
  -DCPPHTTPLIB_FORM_URL_ENCODED_PAYLOAD_MAX_LENGTH=1048576 -DCPPHTTPLIB_LISTEN_BACKLOG=512 \
  -DCPPHTTPLIB_REQUEST_URI_MAX_LENGTH=32768 -DCPPHTTPLIB_TCP_NODELAY=1
CXX_SRC := $(wildcard $(S)/tools/server/*.cpp) $(wildcard $(S)/tools/mtmd/models/*.cpp) \
  $(filter-out %mtmd-cli.cpp %deprecation-warning.cpp,$(wildcard $(S)/tools/mtmd/*.cpp)) \
  $(S)/vendor/cpp-httplib/httplib.cpp $(S)/vendor/hash/hash.cpp $(S)/vendor/hash/sha1/sha1.c
C_SRC := $(S)/vendor/hash/xxhash/xxhash.c $(S)/vendor/hash/sha256/sha256.c
OBJS := $(patsubst $(S)/%,$(OBJ)/%.o,$(CXX_SRC) $(C_SRC))

$(BIN)/llama-server: $(OBJS)
	$(CXX) -o $@ $^ $(S)/build/tools/ui/libllama-ui.a -L$(BIN) -l:libllama-common.so -l:libllama.v0.4.0.so \
	  -l:libggml.v0.4.0.so -l:libggml-base.so -Wl,-rpath,'$$ORIGIN' -lpthread -ldl

$(OBJ)/%.cpp.o: $(S)/%.cpp
	@mkdir -p $(dir $@); $(CXX) $(CXXFLAGS) -c $< -o $@
# sha1.c is compiled as C++ (as llama.cpp's own build does); the other .c files as C
$(OBJ)/vendor/hash/sha1/sha1.c.o: $(S)/vendor/hash/sha1/sha1.c
	@mkdir -p $(dir $@); $(CXX) -x c++ $(CXXFLAGS) -c $< -o $@
$(OBJ)/%.c.o: $(S)/%.c
	@mkdir -p $(dir $@); $(CC) -O1 -fPIC -w -I$(S)/vendor/hash -c $< -o $@
